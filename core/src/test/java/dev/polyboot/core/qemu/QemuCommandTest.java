package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The argument lists of DESIGN §6, without starting QEMU. */
class QemuCommandTest {
    @TempDir Path tmp;
    Path ovmf;
    Path stick;
    Path work;
    QemuHost host;

    @BeforeEach
    void fakeHost() throws IOException {
        ovmf = Files.createDirectories(tmp.resolve("OVMF"));
        for (String f : List.of(QemuCommand.OVMF_CODE, QemuCommand.OVMF_VARS, QemuCommand.OVMF_CODE_SECURE, QemuCommand.OVMF_VARS_MS)) {
            Files.writeString(ovmf.resolve(f), f);
        }
        stick = Files.writeString(tmp.resolve("stick.img"), "x");
        work = tmp.resolve("work");
        host = new QemuHost(Path.of("/usr/bin/qemu-system-x86_64"), ovmf, Accelerator.TCG, false);
    }

    @Test
    void biosHeadlessPiped() throws IOException {
        QemuLaunch l = QemuCommand.plan(host, QemuOptions.of(stick, Firmware.BIOS), work, QemuCommand.Mode.PIPED);
        assertThat(l.command()).containsExactly("/usr/bin/qemu-system-x86_64", "-name", "polyboot", "-no-user-config",
                "-machine", "q35", "-m", "2048", "-accel", "tcg,thread=multi", "-cpu", "max", "-nic", "none",
                "-drive", "if=none,id=stick,format=raw,file=" + stick + ",snapshot=on",
                "-device", "qemu-xhci,id=xhci", "-device", "usb-storage,bus=xhci.0,drive=stick,bootindex=1",
                "-display", "none", "-chardev", "stdio,id=serial0,signal=off", "-serial", "chardev:serial0", "-monitor", "none",
                "-qmp", "unix:" + work.resolve("qmp.sock") + ",server=on,wait=off");
        assertThat(l.firmwareVarsTemplate()).isEmpty();
        assertThat(l.notes()).isEmpty();
    }

    @Test
    void uefiUsesReadOnlyCodeAndPrivateVarsCopy() throws IOException {
        QemuLaunch l = QemuCommand.plan(host, QemuOptions.of(stick, Firmware.UEFI), work, QemuCommand.Mode.PIPED);
        assertThat(l.command()).containsSubsequence(
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + ovmf.resolve("OVMF_CODE_4M.fd"),
                "-drive", "if=pflash,format=raw,unit=1,file=" + work.resolve("OVMF_VARS.fd"));
        assertThat(l.firmwareVarsTemplate()).contains(ovmf.resolve("OVMF_VARS_4M.fd"));
        assertThat(l.command()).doesNotContain("-global").contains("q35");
    }

    @Test
    void secureBootUsesSmmAndMicrosoftKeys() throws IOException {
        QemuLaunch l = QemuCommand.plan(host, QemuOptions.of(stick, Firmware.UEFI).withSecureBoot(true), work, QemuCommand.Mode.PIPED);
        assertThat(l.command()).containsSubsequence("-machine", "q35,smm=on")
                .containsSubsequence("-global", "driver=cfi.pflash01,property=secure,value=on")
                .contains("if=pflash,format=raw,unit=0,readonly=on,file=" + ovmf.resolve("OVMF_CODE_4M.secboot.fd"));
        assertThat(l.firmwareVarsTemplate()).contains(ovmf.resolve("OVMF_VARS_4M.ms.fd"));
    }

    @Test
    void secureBootNeedsUefi() {
        assertThatThrownBy(() -> QemuOptions.of(stick, Firmware.BIOS).withSecureBoot(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UEFI");
    }

    @Test
    void writableRunAndMemoryAndKvm() throws IOException {
        QemuHost kvm = new QemuHost(host.qemuBinary(), ovmf, Accelerator.KVM, false);
        QemuLaunch l = QemuCommand.plan(kvm, QemuOptions.of(stick, Firmware.BIOS).withSnapshot(false).withMemoryMiB(512),
                work, QemuCommand.Mode.PIPED);
        assertThat(l.command()).contains("if=none,id=stick,format=raw,file=" + stick)
                .containsSubsequence("-m", "512").containsSubsequence("-accel", "kvm", "-cpu", "host");
    }

    @Test
    void commasInPathsAreDoubled() throws IOException {
        Path odd = Files.writeString(tmp.resolve("a,b.img"), "x");
        QemuLaunch l = QemuCommand.plan(host, QemuOptions.of(odd, Firmware.BIOS).withSerialLog(tmp.resolve("s,1.log")),
                work, QemuCommand.Mode.PIPED);
        assertThat(l.command()).contains("if=none,id=stick,format=raw,file=" + tmp.resolve("a,,b.img") + ",snapshot=on")
                .contains("stdio,id=serial0,signal=off,logfile=" + tmp.resolve("s,,1.log") + ",logappend=off");
    }

    @Test
    void interactiveTerminalIsLikeNographic() throws IOException {
        QemuLaunch l = QemuCommand.plan(host, QemuOptions.of(stick, Firmware.BIOS).withDisplay(Display.TERMINAL),
                work, QemuCommand.Mode.INTERACTIVE);
        assertThat(l.command()).containsSubsequence("-display", "none", "-chardev", "stdio,id=serial0,mux=on",
                "-serial", "chardev:serial0", "-mon", "chardev=serial0,mode=readline");
        assertThat(l.display()).isEqualTo(Display.TERMINAL);
    }

    @Test
    void guiWithoutGraphicalSessionFallsBackToTerminalWithNote() throws IOException {
        QemuLaunch l = QemuCommand.plan(host, QemuOptions.of(stick, Firmware.UEFI).withDisplay(Display.GUI),
                work, QemuCommand.Mode.INTERACTIVE);
        assertThat(l.display()).isEqualTo(Display.TERMINAL);
        assertThat(l.notes()).singleElement().asString().contains("$DISPLAY").contains("--console serial");
        assertThat(l.command()).contains("stdio,id=serial0,mux=on");
    }

    @Test
    void guiWithGraphicalSessionOpensWindow() throws IOException {
        QemuHost x11 = new QemuHost(host.qemuBinary(), ovmf, Accelerator.TCG, true);
        QemuLaunch l = QemuCommand.plan(x11, QemuOptions.of(stick, Firmware.UEFI).withDisplay(Display.GUI),
                work, QemuCommand.Mode.INTERACTIVE);
        assertThat(l.display()).isEqualTo(Display.GUI);
        assertThat(l.notes()).isEmpty();
        assertThat(l.command()).doesNotContain("-display").containsSubsequence("-chardev", "vc,id=serial0");
    }

    @Test
    void missingOvmfNamesThePackage() throws IOException {
        Files.delete(ovmf.resolve(QemuCommand.OVMF_CODE));
        assertThatThrownBy(() -> QemuCommand.plan(host, QemuOptions.of(stick, Firmware.UEFI), work, QemuCommand.Mode.PIPED))
                .isInstanceOf(QemuException.class).hasMessageContaining("OVMF_CODE_4M.fd").hasMessageContaining("ovmf");
    }

    @Test
    void missingStick() {
        assertThatThrownBy(() -> QemuCommand.plan(host, QemuOptions.of(tmp.resolve("nope.img"), Firmware.BIOS), work, QemuCommand.Mode.PIPED))
                .isInstanceOf(QemuException.class).hasMessageContaining("nope.img");
    }

    @Test
    void missingQemuNamesThePackage() {
        assertThatThrownBy(() -> QemuHost.detect(Map.of("PATH", tmp.toString()), tmp))
                .isInstanceOf(QemuException.class).hasMessageContaining("qemu-system-x86_64").hasMessageContaining("qemu-system-x86 ");
    }

    @Test
    void hostDetectionHonoursOverrideAndDisplay() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path qemu = Files.writeString(bin.resolve("qemu-system-x86_64"), "#!/bin/sh\n");
        qemu.toFile().setExecutable(true);
        QemuHost h = QemuHost.detect(Map.of("PATH", bin.toString(), QemuHost.ACCELERATOR_VARIABLE, "kvm", "WAYLAND_DISPLAY", "wayland-0"), tmp);
        assertThat(h.qemuBinary()).isEqualTo(qemu);
        assertThat(h.accelerator()).isEqualTo(Accelerator.KVM);
        assertThat(h.graphicalSession()).isTrue();
        QemuHost plain = QemuHost.detect(Map.of("PATH", bin.toString()), tmp); // empty fake root: no /dev/kvm
        assertThat(plain.accelerator()).isEqualTo(Accelerator.TCG);
        assertThat(plain.graphicalSession()).isFalse();
    }
}
