package dev.polyboot.core.api;

import dev.polyboot.core.device.DeviceInfo;
import dev.polyboot.core.device.DeviceJson;
import java.util.List;

/**
 * {@code devices}: every disk polyboot could be pointed at, the hidden ones marked with why. JSON:
 * {@code devices.schema.json} beside {@link DeviceJson} (the first concept given a schema; kept where it is).
 */
public record DeviceList(List<DeviceInfo> devices) {
    public DeviceList {
        devices = List.copyOf(devices);
    }

    public String text(boolean all) {
        return DeviceText.render(devices, all);
    }

    public String json(boolean all) {
        return DeviceJson.render(all ? devices : devices.stream().filter(d -> !d.hidden()).toList());
    }
}
