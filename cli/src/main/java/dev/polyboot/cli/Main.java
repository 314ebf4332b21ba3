package dev.polyboot.cli;

/** Placeholder until the picocli command tree lands. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("polyboot: not built yet");
        System.exit(2);
    }
}
