package dev.polyboot.core.install;

import dev.polyboot.core.PolybootFailure;
import java.io.IOException;

/** The disk did not keep a block written near its claimed end: it is smaller than it says (or failing). */
public final class FakeCapacityException extends IOException implements PolybootFailure {
    private final long badOffset;

    FakeCapacityException(long badOffset, long lastGood, long claimed, String what) {
        super("the disk does not keep data written at byte " + badOffset + " of the " + claimed + " it reports: " + what
                + "; " + (lastGood < 0 ? "not even its first block read back" : "blocks up to byte " + lastGood + " read back")
                + " (fake capacity or a failing stick)");
        this.badOffset = badOffset;
    }

    public long badOffset() {
        return badOffset;
    }

    @Override
    public Outcome outcome() {
        return Outcome.VERIFICATION_FAILED;
    }

    @Override
    public String hint() {
        return "use another stick; f3probe (package f3) measures the real capacity of this one";
    }
}
