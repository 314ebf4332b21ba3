package dev.polyboot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polyboot.formats.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's firefox-esr, headless, driven over WebDriver BiDi by this small client: Debian 12 has no geckodriver, and
 * Firefox speaks BiDi itself ({@code --remote-debugging-port}, then {@code session.new} on {@code ws://.../session}).
 * A fresh profile and HOME in a temporary directory, deleted with the process tree on {@link #close()}. Missing
 * firefox-esr skips the test on a developer machine and fails it under CI=true. Screenshots go to
 * {@code target/screenshots/} with {@link Browser}'s naming.
 */
final class Firefox implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target/screenshots"); // as Browser's; this class needs no Selenium
    static final String TAB = "\uE004";
    /** The main Enter key (WebDriver's "Return"; its "Enter", \uE007, is the keypad's). */
    static final String ENTER = "\uE006";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An element of the page, as BiDi names it between commands. */
    record Element(String sharedId) {}

    private final Process process;
    private final Path dir;
    private final Deque<String> stderr;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final String test;
    private WebSocket socket;
    private String context;
    private int shot;

    private Firefox(Process process, Path dir, Deque<String> stderr, String test) {
        this.process = process;
        this.dir = dir;
        this.stderr = stderr;
        this.test = test;
    }

    static Firefox start(String test) throws IOException, InterruptedException {
        Tools.require("firefox-esr");
        try (Stream<Path> old = Files.exists(SCREENSHOTS) ? Files.list(SCREENSHOTS) : Stream.empty()) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(test + "-")).toList()) Files.delete(p);
        }
        Path dir = Files.createTempDirectory("polyboot-firefox");
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Path home = Files.createDirectory(dir.resolve("home"));
        // port 0: Firefox picks a free one and names it on stderr; root (CI) needs nothing special, unlike chromium
        ProcessBuilder pb = new ProcessBuilder(Tools.find("firefox-esr").toString(), "--headless", "--remote-debugging-port=0",
                "--profile", profile.toString(), "--no-remote", "about:blank")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeAll(List.of("DISPLAY", "WAYLAND_DISPLAY"));
        pb.environment().putAll(Map.of("HOME", home.toString(), "TMPDIR", dir.toString(), "MOZ_CRASHREPORTER_DISABLE", "1"));
        Deque<String> stderr = new ArrayDeque<>();
        Firefox f = new Firefox(pb.start(), dir, stderr, test);
        try {
            f.connect(f.listeningAddress());
            return f;
        } catch (InterruptedException | RuntimeException | Error e) {
            try {
                f.close();
            } catch (RuntimeException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /** Reads Firefox's stderr until it names its BiDi address; keeps reading (the last lines) so it never blocks. */
    private String listeningAddress() throws InterruptedException {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (stderr) {
                        stderr.addLast(line);
                        if (stderr.size() > 40) stderr.removeFirst();
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) address.complete(m.group(1));
                }
            } catch (IOException e) {
                // the process is gone; the address future fails below
            }
            address.completeExceptionally(new IllegalStateException("firefox-esr exited without a WebDriver BiDi address"));
        }, "firefox-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return address.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("firefox-esr did not start WebDriver BiDi within 30 s; stderr:\n" + stderrTail(), e);
        }
    }

    private void connect(String address) throws InterruptedException {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(address + "/session"), new Listener()).join();
        ObjectNode caps = JSON.createObjectNode();
        caps.putObject("capabilities").putObject("alwaysMatch").put("acceptInsecureCerts", false);
        send("session.new", caps);
        // the window Firefox opens with does not get the focus when headless: a focused button ignores Enter and Space
        // there (document.hasFocus() is false). A tab opened over BiDi has the focus; the first one is closed.
        String first = send("browsingContext.getTree", JSON.createObjectNode()).path("contexts").path(0).path("context").asText();
        context = send("browsingContext.create", JSON.createObjectNode().put("type", "tab")).path("context").asText();
        send("browsingContext.close", JSON.createObjectNode().put("context", first));
        viewport(1100, 3000);
    }

    /** Sends one BiDi command and waits for its answer; an error answer is an exception naming the command. */
    JsonNode send(String method, ObjectNode params) throws InterruptedException {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        try {
            socket.sendText(msg.toString(), true).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode m = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if ("error".equals(m.path("type").asText())) {
                throw new IllegalStateException("firefox: " + method + " failed: " + m.path("error").asText() + ": " + m.path("message").asText());
            }
            return m.path("result");
        } catch (TimeoutException e) {
            throw new IllegalStateException("firefox: no answer to " + method + " within " + COMMAND_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("firefox: " + method + ": " + e.getCause().getMessage() + "; stderr:\n" + stderrTail(), e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> waiting = m.has("id") ? pending.get(m.get("id").asLong()) : null;
                    if (waiting != null) waiting.complete(m); // events (no id) are not used
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("connection closed: " + status + " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    private ObjectNode inContext() {
        return JSON.createObjectNode().put("context", context);
    }

    void navigate(String url) throws InterruptedException {
        send("browsingContext.navigate", inContext().put("url", url).put("wait", "complete"));
    }

    /** Evaluates a JavaScript expression in the page (promises awaited): a string, number, boolean, list, null or {@link Element}. */
    Object eval(String expression) throws InterruptedException {
        ObjectNode p = JSON.createObjectNode().put("expression", expression).put("awaitPromise", true);
        p.set("target", inContext());
        return value(send("script.evaluate", p), expression);
    }

    /** Calls {@code function} (JavaScript source) with the elements as arguments. */
    Object call(String function, Element... args) throws InterruptedException {
        ObjectNode p = JSON.createObjectNode().put("functionDeclaration", function).put("awaitPromise", true);
        p.set("target", inContext());
        ArrayNode a = p.putArray("arguments");
        for (Element e : args) a.addObject().put("sharedId", e.sharedId());
        return value(send("script.callFunction", p), function);
    }

    private static Object value(JsonNode result, String script) {
        if ("exception".equals(result.path("type").asText())) {
            throw new IllegalStateException("firefox: script threw " + result.path("exceptionDetails").path("text").asText() + ": " + script);
        }
        return remote(result.path("result"));
    }

    private static Object remote(JsonNode v) {
        JsonNode value = v.path("value");
        return switch (v.path("type").asText()) {
            case "string" -> value.asText();
            case "boolean" -> value.asBoolean();
            case "number" -> value.isNumber() ? value.numberValue() : value.asText(); // NaN, Infinity, -0 come as strings
            case "array" -> {
                List<Object> list = new ArrayList<>();
                value.forEach(e -> list.add(remote(e)));
                yield list;
            }
            case "node" -> new Element(v.path("sharedId").asText());
            case "null", "undefined" -> null;
            default -> throw new IllegalStateException("firefox: a " + v.path("type").asText() + " is not read back here: " + v);
        };
    }

    /** The element {@code css} selects, waiting up to 20 s for it to exist. */
    Element el(String css) throws InterruptedException {
        return (Element) waitFor(Duration.ofSeconds(20), "document.querySelector(" + js(css) + ")", "an element " + css);
    }

    /** {@code s} as a JavaScript string literal. */
    static String js(String s) {
        return JSON.getNodeFactory().textNode(s).toString();
    }

    /**
     * Evaluates {@code expression} every 50 ms until it gives something other than null, undefined or false, and
     * returns that; fails after {@code d} with the last value.
     */
    Object waitFor(Duration d, String expression, String what) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        Object last;
        do {
            last = eval(expression);
            if (last != null && !Boolean.FALSE.equals(last)) return last;
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        throw new AssertionError("firefox: waited " + d.toSeconds() + " s for " + what + "; last value of " + expression + ": " + last);
    }

    /** A real click (pointer actions) in the middle of the element, scrolled into view first. */
    void click(String css) throws InterruptedException {
        Element e = el(css);
        call("e => e.scrollIntoView({block: 'center'})", e);
        ObjectNode p = inContext();
        ObjectNode mouse = p.putArray("actions").addObject().put("type", "pointer").put("id", "mouse");
        mouse.putObject("parameters").put("pointerType", "mouse");
        ArrayNode steps = mouse.putArray("actions");
        ObjectNode move = steps.addObject().put("type", "pointerMove").put("x", 0).put("y", 0);
        move.putObject("origin").put("type", "element").putObject("element").put("sharedId", e.sharedId());
        steps.addObject().put("type", "pointerDown").put("button", 0);
        steps.addObject().put("type", "pointerUp").put("button", 0);
        send("input.performActions", p);
    }

    /** Types into whatever has the focus with real key actions; {@link #TAB} and {@link #ENTER} are keys too. */
    void keys(String... parts) throws InterruptedException {
        ObjectNode p = inContext();
        ObjectNode keyboard = p.putArray("actions").addObject().put("type", "key").put("id", "keyboard");
        ArrayNode steps = keyboard.putArray("actions");
        String all = String.join("", parts);
        all.codePoints().forEach(c -> {
            String key = new String(Character.toChars(c));
            steps.addObject().put("type", "keyDown").put("value", key);
            steps.addObject().put("type", "keyUp").put("value", key);
        });
        send("input.performActions", p);
    }

    /** Clicks into a field and types, as a person would. */
    void type(String css, String... parts) throws InterruptedException {
        click(css);
        keys(parts);
    }

    /** Chooses a file of this computer for an {@code <input type=file>} (what the file dialog would do). */
    void setFile(String css, Path file) throws InterruptedException {
        ObjectNode p = inContext();
        p.putObject("element").put("sharedId", el(css).sharedId());
        p.putArray("files").add(file.toAbsolutePath().toString());
        send("input.setFiles", p);
    }

    void viewport(int width, int height) throws InterruptedException {
        ObjectNode p = inContext();
        p.putObject("viewport").put("width", width).put("height", height);
        send("browsingContext.setViewport", p);
    }

    /** Saves target/screenshots/TEST-NN-NAME.png. */
    Path screenshot(String name) throws IOException, InterruptedException {
        byte[] png = Base64.getDecoder().decode(send("browsingContext.captureScreenshot", inContext()).path("data").asText());
        Files.createDirectories(SCREENSHOTS);
        Path to = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", test, ++shot, name));
        Files.write(to, png);
        return to;
    }

    private String stderrTail() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    /** Ends the session, then kills what is left of Firefox's process tree and deletes the profile and HOME. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        // the crash helper leaves the tree (its parent becomes init); it names Firefox's pid as its first argument
        String pid = Long.toString(process.pid());
        ProcessHandle.allProcesses().filter(h -> h.info().command().orElse("").endsWith("/crashhelper")
                && h.info().arguments().map(a -> a.length > 0 && a[0].equals(pid)).orElse(false)).forEach(tree::add);
        tree.add(process.toHandle());
        if (socket != null) {
            try {
                send("browser.close", JSON.createObjectNode());
            } catch (RuntimeException e) {
                // killed below either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.abort();
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : tree) {
                if (!h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join().isAlive()) continue;
                h.destroyForcibly();
                h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join();
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete Firefox's profile " + dir, e);
        }
    }
}
