package dev.polyboot.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polyboot.core.device.Target;
import dev.polyboot.core.layout.LayoutJson;
import dev.polyboot.core.layout.LayoutText;
import dev.polyboot.core.layout.StickLayout;
import java.util.List;
import java.util.Locale;

/**
 * What install will do, before anything is written: the layout, the target as it is now, every refusal (with the
 * same sentence the real run gives) and whether a person must confirm. {@code --dry-run} prints it;
 * {@link Polyboot#install} applies it.
 */
public final class InstallPlan {
    private final InstallOptions options;
    private final Target target;
    private final TargetDescription description;
    private final StickLayout layout;
    private final List<Refusal> refusals;
    private final boolean confirmationNeeded;

    InstallPlan(InstallOptions options, Target target, TargetDescription description, StickLayout layout, List<Refusal> refusals,
                boolean confirmationNeeded) {
        this.options = options;
        this.target = target;
        this.description = description;
        this.layout = layout;
        this.refusals = List.copyOf(refusals);
        this.confirmationNeeded = confirmationNeeded;
    }

    public InstallOptions options() { return options; }

    Target target() { return target; }

    StickLayout layout() { return layout; }

    /** The target as the confirmation shows it. */
    public TargetDescription description() { return description; }

    public List<Refusal> refusals() { return refusals; }

    public boolean refused() { return !refusals.isEmpty(); }

    /** A disk is erased only after a person said yes (or --yes); image files need no confirmation. */
    public boolean confirmationNeeded() { return confirmationNeeded; }

    /** True when the layout could be planned (not for a target that does not resolve). */
    public boolean hasLayout() { return layout != null; }

    /** The layout as text, as {@code install --dry-run} prints it. */
    public String layoutText() {
        return layout == null ? "" : LayoutText.render(layout);
    }

    /** {@code install --dry-run --json}: schema {@code install-plan.schema.json}. */
    public String json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("operation", "install");
        ObjectNode t = o.putObject("target");
        t.put("path", description.path());
        t.put("disk", description.disk());
        t.put("name", description.name());
        t.put("model", description.model());
        t.put("sizeBytes", description.sizeBytes());
        t.put("removable", description.removable());
        if (layout == null) {
            o.putNull("layout");
        } else {
            ObjectNode l = LayoutJson.toTree(layout);
            l.put("style", lower(l.get("style").asText()));
            for (var p : l.get("partitions")) {
                ObjectNode n = (ObjectNode) p;
                n.put("role", lower(n.get("role").asText()));
                n.put("fileSystem", lower(n.get("fileSystem").asText()));
            }
            o.set("layout", l);
        }
        o.put("console", lower(options.console().name()));
        ArrayNode r = o.putArray("refusals");
        for (Refusal x : refusals) r.add(Json.MAPPER.createObjectNode().put("kind", x.kind().id()).put("message", x.message())
                .put("hint", x.hint()));
        o.put("confirmationNeeded", confirmationNeeded);
        return Json.render(o);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
