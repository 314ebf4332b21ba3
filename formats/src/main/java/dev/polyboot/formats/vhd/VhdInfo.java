package dev.polyboot.formats.vhd;

import java.util.Objects;
import java.util.Optional;

/**
 * A VHD as read by {@link VhdReader}.
 *
 * @param footer         the footer in effect
 * @param footerFromCopy true when the footer at the end was damaged and the copy at offset 0 was used
 * @param dynamicHeader  present for dynamic and differencing disks
 */
public record VhdInfo(VhdFooter footer, boolean footerFromCopy, Optional<VhdDynamicHeader> dynamicHeader) {
    public VhdInfo {
        Objects.requireNonNull(footer, "footer");
        Objects.requireNonNull(dynamicHeader, "dynamicHeader");
    }
}
