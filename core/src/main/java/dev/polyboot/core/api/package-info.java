/**
 * polyboot's one entry point for front ends (the CLI now, the web UI later): {@link dev.polyboot.core.api.Polyboot}.
 *
 * <p>Every operation that writes a stick has the shape plan → confirm → apply → verify. The plan is a value
 * ({@link dev.polyboot.core.api.InstallPlan}, {@link dev.polyboot.core.api.UpdatePlan}): what will be written, what is
 * refused and why ({@link dev.polyboot.core.api.Refusal}), whether a person must confirm. All safety checks are made
 * here, in core; a front end renders the plan, asks, and hands back a {@link dev.polyboot.core.api.Confirmation}.
 * Applying re-runs the checks right before the first byte is written (a disk can be mounted or swapped while the
 * question is on the screen) and throws the core {@code RefusedException} for a refused plan, so a dry run refuses
 * exactly what the real run refuses. Reading operations (info, list, verify, inspect, devices) are single calls
 * returning records. Results that a front end prints as JSON have one shape per concept with a
 * {@code schemaVersion} ({@link dev.polyboot.core.api.Json}; schemas beside this package's resources).
 */
package dev.polyboot.core.api;
