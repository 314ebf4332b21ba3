package dev.polyboot.core.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds QEMU's argument list for a stick run (DESIGN §6). Pure apart from checking files exist. */
final class QemuCommand {
    enum Mode {
        /** Serial console on pipes that the caller reads and writes (tests, automation). */
        PIPED,
        /** Serial console and screen for a person at the terminal (polyboot try). */
        INTERACTIVE
    }

    static final String OVMF_CODE = "OVMF_CODE_4M.fd";
    static final String OVMF_VARS = "OVMF_VARS_4M.fd";
    // Secure Boot: SMM-protected variable store, Microsoft keys enrolled (DESIGN §4).
    static final String OVMF_CODE_SECURE = "OVMF_CODE_4M.secboot.fd";
    static final String OVMF_VARS_MS = "OVMF_VARS_4M.ms.fd";

    private QemuCommand() {}

    static QemuLaunch plan(QemuHost host, QemuOptions o, Path workDir, Mode mode) throws QemuException {
        List<String> notes = new ArrayList<>();
        Display display = o.display();
        if (display == Display.GUI && !host.graphicalSession()) {
            display = Display.TERMINAL;
            notes.add("no graphical session ($DISPLAY/$WAYLAND_DISPLAY unset): showing the serial console in this"
                    + " terminal instead; the stick's menu appears here only if it was installed with --console serial or both");
        }
        List<String> a = new ArrayList<>();
        a.add(host.qemuBinary().toString());
        a.addAll(List.of("-name", "polyboot", "-no-user-config"));
        a.addAll(List.of("-machine", o.secureBoot() ? "q35,smm=on" : "q35"));
        a.addAll(List.of("-m", Integer.toString(o.memoryMiB())));
        a.addAll(host.accelerator().arguments());
        a.addAll(List.of("-nic", "none"));

        Optional<Path> varsTemplate = Optional.empty();
        if (o.firmware() == Firmware.UEFI) {
            Path code = host.ovmfFile(o.secureBoot() ? OVMF_CODE_SECURE : OVMF_CODE);
            varsTemplate = Optional.of(o.firmwareVars().isPresent() ? o.firmwareVars().get()
                    : host.ovmfFile(o.secureBoot() ? OVMF_VARS_MS : OVMF_VARS));
            if (o.secureBoot()) a.addAll(List.of("-global", "driver=cfi.pflash01,property=secure,value=on"));
            a.addAll(List.of("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + value(code)));
            // A private copy: OVMF writes boot entries into its variable store, and parallel runs must not share one.
            a.addAll(List.of("-drive", "if=pflash,format=raw,unit=1,file=" + value(workDir.resolve(QemuLaunch.VARS_COPY))));
        }

        Path stick = o.stickImage();
        if (!Files.isReadable(stick)) throw new QemuException("stick image not readable: " + stick);
        if (!o.snapshot() && !Files.isWritable(stick)) throw new QemuException("stick image not writable: " + stick);
        a.addAll(List.of("-drive", "if=none,id=stick,format=raw,file=" + value(stick) + (o.snapshot() ? ",snapshot=on" : "")));
        a.addAll(List.of("-device", "qemu-xhci,id=xhci"));
        a.addAll(List.of("-device", "usb-storage,bus=xhci.0,drive=stick,bootindex=1"));
        for (int i = 0; i < o.extraSticks().size(); i++) {
            Path extra = o.extraSticks().get(i);
            if (!Files.isReadable(extra)) throw new QemuException("stick image not readable: " + extra);
            a.addAll(List.of("-drive", "if=none,id=stick" + (i + 2) + ",format=raw,file=" + value(extra) + ",snapshot=on"));
            a.addAll(List.of("-device", "usb-storage,bus=xhci.0,drive=stick" + (i + 2)));
        }

        String log = o.serialLog().map(p -> ",logfile=" + value(p) + ",logappend=off").orElse("");
        if (mode == Mode.PIPED) {
            if (display != Display.GUI) a.addAll(List.of("-display", "none"));
            // signal=off: bytes we send (Ctrl-C included) go to the guest, never to QEMU.
            a.addAll(List.of("-chardev", "stdio,id=serial0,signal=off" + log, "-serial", "chardev:serial0", "-monitor", "none"));
        } else {
            switch (display) {
                case GUI -> a.addAll(List.of("-chardev", "vc,id=serial0" + log, "-serial", "chardev:serial0"));
                case TERMINAL -> a.addAll(List.of("-display", "none",
                        // like -nographic: serial and monitor share the terminal, Ctrl-A X quits, Ctrl-A C = monitor
                        "-chardev", "stdio,id=serial0,mux=on" + log, "-serial", "chardev:serial0",
                        "-mon", "chardev=serial0,mode=readline"));
                case NONE -> a.addAll(List.of("-display", "none",
                        "-chardev", "stdio,id=serial0" + log, "-serial", "chardev:serial0", "-monitor", "none"));
            }
        }
        a.addAll(List.of("-qmp", "unix:" + value(workDir.resolve(QemuLaunch.QMP_SOCKET)) + ",server=on,wait=off"));
        return new QemuLaunch(a, display, notes, workDir, varsTemplate);
    }

    /** QEMU option values are comma-separated; a literal comma is written twice. */
    static String value(Path p) {
        return p.toAbsolutePath().toString().replace(",", ",,");
    }
}
