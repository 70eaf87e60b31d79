#!/usr/bin/env python3
"""Generate a device firmware tree for benchmarks: IoT application code on the four SDKs
(DPS payload, hub Model ID, telemetry from a DTDL model) plus RTOS, driver, crypto and
library code that mentions none of it. Deterministic for a given seed.

usage: gen_firmware.py OUT --files N [--iot-fraction F] [--telemetry K] [--seed S]
The tree gets one program (main.c reaches every module); its Model ID's model, with K
telemetry, is written to OUT/models/. About F of the files are IoT application code.
"""
import argparse
import json
import os
import random

SDKS = ["iothubll", "embedded", "netx", "freertos"]


def telemetry_names(k):
    base = ["temperature", "humidity", "pressure", "voltage", "current", "power", "energy",
            "frequency", "co2", "pm25", "lux", "noise"]
    return [base[i % len(base)] + ("" if i < len(base) else str(i // len(base))) for i in range(k)]


def library_file(rng, idx):
    """Plain C with no IoT names: an RTOS, driver or crypto module."""
    kind = rng.choice(["drv", "rtos", "crypto", "lib"])
    fns = []
    for j in range(rng.randint(4, 12)):
        name = f"{kind}_{idx}_op{j}"
        body = "\n".join(
            f"    acc = (acc * 31u) ^ (uint32_t)(buf[{k} % len] + {rng.randint(1, 999)}u);" for k in range(rng.randint(3, 10))
        )
        fns.append(
            f"""uint32_t {name}(const uint8_t* buf, size_t len)
{{
    uint32_t acc = {rng.randint(1, 1 << 20)}u;
    if (len == 0u)
    {{
        return 0u;
    }}
#ifdef {kind.upper()}_FAST_PATH
    acc ^= 0x5a5a5a5au;
#else
    acc += 17u;
#endif
{body}
    return acc;
}}
"""
        )
    return kind, f"/* {kind} module {idx}: generated */\n#include <stdint.h>\n#include <stddef.h>\n\n" + "\n".join(fns), [f"{kind}_{idx}_op0"]


def iot_file(rng, idx, sdk, names):
    """IoT application code: telemetry senders on one SDK, names from the model."""
    chosen = [names[(idx + j) % len(names)] for j in range(rng.randint(1, 3))]
    fn = f"iot_{idx}_send"
    if sdk == "iothubll":
        fmt = ",".join(f'\\"{n}\\":%.2f' for n in chosen)
        args = ", ".join("v" for _ in chosen)
        body = f"""void {fn}(IOTHUB_DEVICE_CLIENT_LL_HANDLE h, double v)
{{
    char msg[256];
    IOTHUB_MESSAGE_HANDLE m;
    (void)snprintf(msg, sizeof(msg), "{{{fmt}}}", {args});
    if ((m = IoTHubMessage_CreateFromString(msg)) != NULL)
    {{
        (void)IoTHubDeviceClient_LL_SendEventAsync(h, m, NULL, NULL);
        IoTHubMessage_Destroy(m);
    }}
}}
"""
        inc = '#include "iothub_device_client_ll.h"\n#include "iothub_message.h"\n'
    elif sdk == "embedded":
        writes = "\n".join(
            f'    (void)az_json_writer_append_property_name(&jw, AZ_SPAN_FROM_STR("{n}"));\n    (void)az_json_writer_append_double(&jw, v, 2);' for n in chosen
        )
        body = f"""void {fn}(az_iot_hub_client* c, double v)
{{
    az_json_writer jw;
    char topic[128];
    (void)az_iot_hub_client_telemetry_get_publish_topic(c, NULL, topic, sizeof(topic), NULL);
    (void)az_json_writer_init(&jw, AZ_SPAN_FROM_BUFFER(g_buf_{idx}), NULL);
    (void)az_json_writer_append_begin_object(&jw);
{writes}
    (void)az_json_writer_append_end_object(&jw);
}}
"""
        inc = '#include <azure/iot/az_iot_hub_client.h>\nstatic uint8_t g_buf_%d[256];\n' % idx
    elif sdk == "netx":
        consts = "\n".join(f'static const CHAR t_{idx}_{j}[] = "{n}";' for j, n in enumerate(chosen))
        writes = "\n".join(
            f"    (void)nx_azure_iot_json_writer_append_property_with_double_value(&w, (const UCHAR*)t_{idx}_{j}, sizeof(t_{idx}_{j}) - 1, v, 2);"
            for j in range(len(chosen))
        )
        body = f"""{consts}
UINT {fn}(NX_AZURE_IOT_HUB_CLIENT* h, double v)
{{
    NX_PACKET* p;
    NX_AZURE_IOT_JSON_WRITER w;
    (void)nx_azure_iot_hub_client_telemetry_message_create(h, &p, NX_WAIT_FOREVER);
    (void)nx_azure_iot_json_writer_init(&w, p, NX_WAIT_FOREVER);
{writes}
    return nx_azure_iot_hub_client_telemetry_send(h, p, NX_NULL, 0, NX_WAIT_FOREVER);
}}
"""
        inc = '#include "nx_azure_iot_hub_client.h"\n'
    else:
        writes = "\n".join(
            f'    (void)AzureIoTJSONWriter_AppendPropertyWithDoubleValue(&w, (const uint8_t*)"{n}", sizeof("{n}") - 1, v, 2);' for n in chosen
        )
        body = f"""uint32_t {fn}(AzureIoTHubClient_t* h, double v)
{{
    AzureIoTJSONWriter_t w;
    uint8_t buf[256];
    (void)AzureIoTJSONWriter_Init(&w, buf, sizeof(buf));
{writes}
    return AzureIoTHubClient_SendTelemetry(h, buf, (uint32_t)AzureIoTJSONWriter_GetBytesUsed(&w), NULL, eAzureIoTHubMessageQoS1, NULL);
}}
"""
        inc = '#include "azure_iot_hub_client.h"\n'
    return f"/* IoT application module {idx} ({sdk}) */\n#include <stdio.h>\n#include <stdint.h>\n{inc}\n{body}", fn, chosen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--iot-fraction", type=float, default=1.0)
    ap.add_argument("--telemetry", type=int, default=12)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    names = telemetry_names(a.telemetry)
    os.makedirs(os.path.join(a.out, "src"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "models"), exist_ok=True)
    model_id = "dtmi:contoso:bench:Device;1"
    entry_calls, decls, sent = [], [], set()
    n_iot = max(1, int(round(a.files * a.iot_fraction)))
    for i in range(a.files - 1):
        if i < n_iot - 1:
            sdk = SDKS[i % len(SDKS)]
            text, fn, chosen = iot_file(rng, i, sdk, names)
            sent.update(chosen)
            decls.append(f"void* {fn};")
            sub = "app"
        else:
            kind, text, fns = library_file(rng, i)
            fn = fns[0]
            sub = kind
        os.makedirs(os.path.join(a.out, "src", sub), exist_ok=True)
        with open(os.path.join(a.out, "src", sub, f"m{i:05d}.c"), "w") as f:
            f.write(text)
        entry_calls.append(f"    (void){fn};")
    main_c = f"""/* Entry point: provisions, connects, and references every module. */
#include <stdio.h>
#include "iothub_device_client_ll.h"
#include "azure_prov_client/prov_device_ll_client.h"

#define MODEL_ID "{model_id}"
#define DPS_PAYLOAD "{{\\"modelId\\":\\"" MODEL_ID "\\"}}"

int main(void)
{{
    PROV_DEVICE_LL_HANDLE prov = Prov_Device_LL_Create("global.azure-devices-provisioning.net", "0ne000", Prov_Device_MQTT_Protocol);
    IOTHUB_DEVICE_CLIENT_LL_HANDLE hub;
    (void)Prov_Device_LL_Set_Provisioning_Payload(prov, DPS_PAYLOAD);
    (void)Prov_Device_LL_Register_Device(prov, NULL, NULL, NULL, NULL);
    hub = IoTHubDeviceClient_LL_CreateFromDeviceAuth("hub", "dev", MQTT_Protocol);
    (void)IoTHubDeviceClient_LL_SetOption(hub, OPTION_MODEL_ID, MODEL_ID);
{chr(10).join(entry_calls)}
    return 0;
}}
"""
    with open(os.path.join(a.out, "src", "main.c"), "w") as f:
        f.write(main_c)
    model = {
        "@context": "dtmi:dtdl:context;2",
        "@id": model_id,
        "@type": "Interface",
        "displayName": "Benchmark device",
        "contents": [{"@type": "Telemetry", "name": n, "schema": "double"} for n in names],
    }
    with open(os.path.join(a.out, "models", "device-1.json"), "w") as f:
        json.dump(model, f, indent=2)
    print(f"{a.files} files ({n_iot} IoT), {a.telemetry} telemetry, {len(sent)} sent, into {a.out}")


if __name__ == "__main__":
    main()
