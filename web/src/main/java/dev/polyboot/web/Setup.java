package dev.polyboot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.polyboot.core.api.Confirmation;
import dev.polyboot.core.api.InstallOptions;
import dev.polyboot.core.api.InstallPlan;
import dev.polyboot.core.api.Json;
import dev.polyboot.core.api.MenuConsole;
import dev.polyboot.core.api.Refusal;
import dev.polyboot.core.api.TargetDescription;
import dev.polyboot.core.api.UpdatePlan;
import java.util.List;
import java.util.Locale;

/**
 * Install and update with the CLI's two steps: the plan (core's value, with every refusal), then the run, for which
 * the plan is made again, its first refusal given as the CLI gives it, and — for a disk — the device name typed by
 * the person checked as the CLI's prompt checks it; core checks everything again before the first write.
 */
final class Setup {
    private final Api api;

    Setup(Api api) {
        this.api = api;
    }

    InstallPlan installPlan(JsonNode b) throws Exception {
        String size = Http.text(b, "size", "");
        return api.polyboot().installPlan(new InstallOptions(api.target(Http.text(b, "target", null)), size.isBlank() ? null : size,
                b.path("gpt").asBoolean(false), b.path("reserveMib").asLong(0), Http.text(b, "label", null),
                console(Http.text(b, "console", "screen")), b.path("force").asBoolean(false), b.path("secureBoot").asBoolean(true)));
    }

    void install(HttpExchange ex, JsonNode b) throws Exception {
        InstallPlan plan = installPlan(b);
        if (plan.refused()) throw plan.refusals().get(0).exception();
        Confirmation yes = confirmed(plan.confirmationNeeded(), plan.description(), b);
        String target = plan.description().path();
        Job job = api.jobs().claim("install", target, "install polyboot on " + target);
        api.jobs().start(job, j -> Api.tree(Json.render(api.polyboot().install(plan, yes, j))));
        Api.accepted(ex, job);
    }

    UpdatePlan updatePlan(JsonNode b) throws Exception {
        String c = Http.text(b, "console", "");
        return api.polyboot().updatePlan(api.target(Http.text(b, "target", null)), c.isBlank() || c.equals("keep") ? null : console(c),
                b.path("secureBoot").asBoolean(true));
    }

    void update(HttpExchange ex, JsonNode b) throws Exception {
        UpdatePlan plan = updatePlan(b);
        if (plan.refused()) throw plan.refusals().get(0).exception();
        Confirmation yes = confirmed(plan.confirmationNeeded(), plan.description(), b);
        String target = plan.description().path();
        Job job = api.jobs().claim("update", target, "update polyboot on " + target);
        api.jobs().start(job, j -> Api.tree(Json.render(api.polyboot().update(plan, yes, j))));
        Api.accepted(ex, job);
    }

    /** The update plan as the page shows it: the target, the console asked for, the refusals, whether to confirm. */
    static ObjectNode json(UpdatePlan plan) {
        ObjectNode o = Http.MAPPER.createObjectNode();
        o.put("operation", "update");
        TargetDescription d = plan.description();
        o.putObject("target").put("path", d.path()).put("disk", d.disk()).put("name", d.name()).put("model", d.model())
                .put("sizeBytes", d.sizeBytes()).put("removable", d.removable());
        o.put("console", plan.console() == null ? null : plan.console().name().toLowerCase(Locale.ROOT));
        o.put("secureBoot", plan.secureBoot() == null ? null : plan.secureBoot().id());
        refusals(o.putArray("refusals"), plan.refusals());
        o.put("confirmationNeeded", plan.confirmationNeeded());
        return o;
    }

    private static void refusals(ArrayNode into, List<Refusal> refusals) {
        for (Refusal r : refusals) into.addObject().put("kind", r.kind().id()).put("message", r.message()).put("hint", r.hint());
    }

    /** A disk: the person typed its name (as the CLI's prompt asks); an image file needs no yes. */
    static Confirmation confirmed(boolean needed, TargetDescription d, JsonNode b) {
        if (needed) {
            String typed = Http.text(b, "confirm", "").trim();
            if (!(typed.equals(d.name()) || typed.equals(d.path()))) {
                throw new WebException(409, "not confirmed: the device name did not match", "type " + d.name() + " exactly", "refused");
            }
        }
        return Confirmation.of(d);
    }

    private static MenuConsole console(String c) {
        try {
            return MenuConsole.valueOf(c.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WebException(400, "console must be screen, serial or both, not " + c, "");
        }
    }
}
