package dev.polyboot.core.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KVM heuristic on fake /dev, /proc and /sys trees. */
class AcceleratorTest {
    static final String VMX = "processor : 0\nflags : fpu vme de pse vmx sse2\n";
    static final String SVM = "processor : 0\nflags : fpu vme svm lm\n";
    // this build machine: a guest without VMX/SVM whose /dev/kvm comes from kvm_pvm
    static final String NONE = "processor : 0\nflags : fpu vme hypervisor lahf_lm cmp_legacy\n";

    @TempDir Path root;

    @Test
    void realIntelKvm() throws IOException {
        host(true, VMX, "kvm", "kvm_intel");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.KVM);
    }

    @Test
    void realAmdKvm() throws IOException {
        host(true, SVM, "kvm", "kvm_amd");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.KVM);
    }

    @Test
    void paravirtualKvmIsRefused() throws IOException {
        host(true, NONE, "kvm", "kvm_pvm");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void kvmPvmRefusedEvenWithVirtualisationFlags() throws IOException {
        host(true, VMX, "kvm", "kvm_intel", "kvm_pvm");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void noDeviceNode() throws IOException {
        host(false, VMX, "kvm", "kvm_intel");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void flagsWithoutVendorModule() throws IOException {
        host(true, VMX, "kvm");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void vendorModuleWithoutFlags() throws IOException {
        host(true, NONE, "kvm", "kvm_intel");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void flagNamesMustBeWholeWords() throws IOException {
        host(true, "flags : fpu vmxnotreally svmx\n", "kvm", "kvm_intel");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void unreadableCpuinfo() throws IOException {
        host(true, null, "kvm", "kvm_intel");
        assertThat(Accelerator.detect(root)).isEqualTo(Accelerator.TCG);
    }

    @Test
    void thisMachineWithKvmPvmGetsTcg() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/sys/module/kvm_pvm")), "host has no kvm_pvm");
        assertThat(Accelerator.detect(Path.of("/"))).isEqualTo(Accelerator.TCG);
    }

    @Test
    void overrideParsing() {
        assertThat(Accelerator.parse(" KVM ")).isEqualTo(Accelerator.KVM);
        assertThat(Accelerator.parse("tcg")).isEqualTo(Accelerator.TCG);
        assertThatThrownBy(() -> Accelerator.parse("hvf")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kvm or tcg");
    }

    @Test
    void tcgArgumentsFollowDesign() {
        assertThat(Accelerator.TCG.arguments()).containsExactly("-accel", "tcg,thread=multi", "-cpu", "max");
    }

    private void host(boolean devKvm, String cpuinfo, String... modules) throws IOException {
        if (devKvm) Files.writeString(Files.createDirectories(root.resolve("dev")).resolve("kvm"), "");
        if (cpuinfo != null) Files.writeString(Files.createDirectories(root.resolve("proc")).resolve("cpuinfo"), cpuinfo);
        for (String m : modules) Files.createDirectories(root.resolve("sys/module").resolve(m));
    }
}
