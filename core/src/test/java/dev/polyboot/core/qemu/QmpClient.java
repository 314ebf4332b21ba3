package dev.polyboot.core.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * QEMU Machine Protocol over the run's unix socket. QMP rather than the human monitor: replies
 * are JSON lines instead of a readline echo full of cursor escapes, and arguments are typed
 * (the human monitor's pmemsave parses "4000 /tmp/x" as a division).
 */
final class QmpClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_EVENTS_PER_REPLY = 10_000;

    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    private QmpClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
    }

    /** Connects once QEMU has created the socket, then leaves capabilities-negotiation mode. */
    static QmpClient connect(Path socket, Duration patience, ProcessHandle qemu) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (Files.exists(socket)) {
                try {
                    SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                    QmpClient client = new QmpClient(ch);
                    client.readReply(true); // greeting
                    client.execute("qmp_capabilities", Map.of());
                    return client;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) throw new QemuException("cannot talk to QEMU's QMP socket " + socket, e);
                }
            }
            if (!qemu.isAlive()) throw new QemuException("QEMU exited before its QMP socket was ready");
            if (System.nanoTime() > deadline) throw new QemuException("QEMU did not create its QMP socket " + socket);
            sleep(50);
        }
    }

    /** Runs a command and returns its "return" value; an "error" reply becomes a QemuException. */
    synchronized JsonNode execute(String command, Map<String, ?> arguments) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        if (!arguments.isEmpty()) request.set("arguments", JSON.valueToTree(arguments));
        out.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        JsonNode reply = readReply(false);
        if (reply.has("error")) {
            throw new QemuException("QMP " + command + " failed: " + reply.path("error").path("desc").asText(reply.toString()));
        }
        return reply.path("return");
    }

    private JsonNode readReply(boolean greeting) throws IOException {
        for (int i = 0; i < MAX_EVENTS_PER_REPLY; i++) {
            String line = in.readLine();
            if (line == null) throw new QemuException("QEMU closed its QMP socket");
            JsonNode node = JSON.readTree(line);
            if (greeting ? node.has("QMP") : node.has("return") || node.has("error")) return node;
            // anything else is an asynchronous event (RESET, SHUTDOWN, ...): not ours to answer
        }
        throw new QemuException("no QMP reply after " + MAX_EVENTS_PER_REPLY + " events");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static void sleep(long millis) throws QemuException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QemuException("interrupted while waiting for QEMU", e);
        }
    }
}
