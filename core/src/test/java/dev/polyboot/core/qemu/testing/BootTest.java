package dev.polyboot.core.qemu.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A test that boots QEMU: tagged "boot" (skipped by {@code mvn -Pquick}) and given a generous
 * whole-test limit, since TCG on two shared cores is slow. Waits inside the test use
 * {@link BootHarness#menuTimeout}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Test
@Tag(BootHarness.TAG)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
public @interface BootTest {}
