#!/usr/bin/env python3
"""Rebuilds the real-world corpus from bare mirrors of the public repositories.

Usage: import.py MIRROR_ROOT   (MIRROR_ROOT/<owner>+<name>/repo is a bare git dir)

Every program is copied at a pinned commit: only the files it needs (its sources, its config
headers, the DTDL models its Model ID names), each into tests/realworld/<repo>/<program>/
keeping the path below the program's base folder. A PROVENANCE file lists the repository,
commit and source paths; the repository's licence file is copied beside it as LICENSE.
Labels (labels.txt) are written by hand and never touched here.
"""
import json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_REPO = ("Azure/iot-plugandplay-models", "3ba8352cf0e96f61fe14847b60f8ef8451bb0759")

REPOS = {
    "azure-iot-sdk-c": ("Azure/azure-iot-sdk-c", "c86b2d6a510312ee77eb141ffe37cad8809a647d", "LICENSE"),
    "azure-sdk-for-c": ("Azure/azure-sdk-for-c", "19d99b758986eed912112786cc17ae6523bb24a5", "LICENSE"),
    "netxduo": ("eclipse-threadx/netxduo", "bd5d12e9e601015a560b2e3bef0e78d63fc0d6c3", "LICENSE.txt"),
    "iot-middleware-freertos-samples": ("Azure-Samples/iot-middleware-freertos-samples", "f06e8c7fc8204c98dcbdad7ac86c2fc0429492ab", "LICENSE.md"),
    "getting-started": ("eclipse-threadx/getting-started", "37ff82f757070f3fa5364acb1ac06fcc7a5b9d38", "LICENSE.txt"),
    "azure-sdk-for-c-arduino": ("Azure/azure-sdk-for-c-arduino", "fa1aa692d7ac720cc7abb2305375a4065e62f7ce", "LICENSE"),
    "azure-iot-central-esp32-sample": ("microsoft/azure-iot-central-esp32-sample", "cd4448db5902438deee0ae93356f4c36ee2e6869", "LICENSE"),
    "IoTMQTTSample": ("Azure-Samples/IoTMQTTSample", "50691331073f75eb13b226adedf66e04e0223c16", "LICENSE"),
    "azure-iot-arduino": ("Azure/azure-iot-arduino", "d48954716ce245e46aa6e1fe3bed610be755f602", "LICENSE"),
    # C++ programs (classes, references, namespaces, lambdas).
    # The Seeed repository ships no licence file; its README (line 164) says "This project is
    # [MIT](/LICENSE) licensed": LICENSE here is the MIT text with that statement (see below).
    "wioterminal-aziot-example": ("SeeedJP/wioterminal-aziot-example", "f6c82a1fffe59c7542c9e4a2d2165e0a8d514426", None),
    "Arduino-IoTHubDevice": ("markrad/Arduino-IoTHubDevice", "141f439b7c5064c66c3c603ae395cae2dab7b96d", "LICENSE"),
    "iot-central-firmware": ("Azure/iot-central-firmware", "472eefde43646f47b31b44e58657f7d5dcd9a3a7", "LICENSE"),
}

SEEED_LICENSE = """MIT License

The repository SeeedJP/wioterminal-aziot-example states in its README.md (commit
f6c82a1fffe59c7542c9e4a2d2165e0a8d514426, section "License"): "This project is MIT licensed."
It ships no licence file; this is the MIT License text that statement refers to.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

# (repo key, program folder, base folder in the repo, [paths relative to base], [model DTMIs])
PNP = "iothub_client/samples/pnp"
PROGRAMS = [
    ("azure-iot-sdk-c", "pnp_simple_thermostat", PNP,
     ["pnp_simple_thermostat/pnp_simple_thermostat.c", "common/pnp_dps_ll.c", "common/pnp_dps_ll.h",
      "common/pnp_sample_config.c", "common/pnp_sample_config.h", "common/pnp_status_values.h"],
     ["dtmi:com:example:Thermostat;1"]),
    ("azure-iot-sdk-c", "pnp_temperature_controller", PNP,
     ["pnp_temperature_controller/pnp_temperature_controller.c", "pnp_temperature_controller/pnp_thermostat_component.c",
      "pnp_temperature_controller/pnp_thermostat_component.h", "pnp_temperature_controller/pnp_deviceinfo_component.c",
      "pnp_temperature_controller/pnp_deviceinfo_component.h", "common/pnp_dps_ll.c", "common/pnp_dps_ll.h",
      "common/pnp_sample_config.c", "common/pnp_sample_config.h", "common/pnp_status_values.h"],
     ["dtmi:com:example:TemperatureController;1"]),
    ("azure-iot-sdk-c", "prov_dev_client_ll_sample", "provisioning_client/samples/prov_dev_client_ll_sample", ["prov_dev_client_ll_sample.c"], []),
    ("azure-iot-sdk-c", "prov_dev_client_sample", "provisioning_client/samples/prov_dev_client_sample", ["prov_dev_client_sample.c"], []),
    ("azure-iot-sdk-c", "prov_dev_client_ll_x509_sample", "provisioning_client/samples/prov_dev_client_ll_x509_sample", ["prov_dev_client_ll_x509_sample.c"], []),
    ("azure-iot-sdk-c", "iothub_ll_telemetry_sample", "iothub_client/samples/iothub_ll_telemetry_sample", ["iothub_ll_telemetry_sample.c"], []),
    ("azure-iot-sdk-c", "iothub_convenience_sample", "iothub_client/samples/iothub_convenience_sample", ["iothub_convenience_sample.c"], []),
    ("azure-iot-sdk-c", "iothub_client_sample_module_sender", "iothub_client/samples/iothub_client_sample_module_sender",
     ["iothub_client_sample_module_sender.c", "iothub_client_sample_module_sender.h"], []),
    ("azure-iot-sdk-c", "iothub_ll_client_x509_sample", "iothub_client/samples/iothub_ll_client_x509_sample", ["iothub_ll_client_x509_sample.c"], []),
    ("azure-iot-sdk-c", "iothub_client_sample_hsm", "provisioning_client/samples/iothub_client_sample_hsm", ["iothub_client_sample_hsm.c"], []),

    ("azure-sdk-for-c", "paho_iot_pnp_sample", "sdk/samples/iot",
     ["paho_iot_pnp_sample.c", "paho_iot_pnp_sample_common.c", "paho_iot_pnp_sample_common.h", "iot_sample_common.c", "iot_sample_common.h"],
     ["dtmi:com:example:Thermostat;1"]),
    ("azure-sdk-for-c", "paho_iot_pnp_with_provisioning_sample", "sdk/samples/iot",
     ["paho_iot_pnp_with_provisioning_sample.c", "paho_iot_pnp_sample_common.c", "paho_iot_pnp_sample_common.h", "iot_sample_common.c", "iot_sample_common.h"],
     ["dtmi:com:example:Thermostat;1"]),
    ("azure-sdk-for-c", "paho_iot_pnp_component_sample", "sdk/samples/iot",
     ["paho_iot_pnp_component_sample.c", "iot_sample_common.c", "iot_sample_common.h",
      "pnp/pnp_device_info_component.c", "pnp/pnp_device_info_component.h", "pnp/pnp_mqtt_message.c", "pnp/pnp_mqtt_message.h",
      "pnp/pnp_protocol.c", "pnp/pnp_protocol.h", "pnp/pnp_temperature_controller_component.c", "pnp/pnp_temperature_controller_component.h",
      "pnp/pnp_thermostat_component.c", "pnp/pnp_thermostat_component.h"],
     ["dtmi:com:example:TemperatureController;1"]),
    # 1.1.0-beta.2: the preview Plug and Play client (az_iot_pnp_client_*)
    ("azure-sdk-for-c", "paho_iot_pnp_sample_1.1.0-beta.2", "sdk/samples/iot",
     ["paho_iot_pnp_sample.c", "iot_sample_common.c", "iot_sample_common.h"],
     ["dtmi:com:example:Thermostat;1"], "c305408ce67e98e1417bb7518ae2743b8c397ecd"),
    ("azure-sdk-for-c", "paho_iot_pnp_with_provisioning_sample_1.1.0-beta.2", "sdk/samples/iot",
     ["paho_iot_pnp_with_provisioning_sample.c", "iot_sample_common.c", "iot_sample_common.h"],
     ["dtmi:com:example:Thermostat;1"], "c305408ce67e98e1417bb7518ae2743b8c397ecd"),
    ("azure-sdk-for-c", "paho_iot_pnp_component_sample_1.1.0-beta.2", "sdk/samples/iot",
     ["paho_iot_pnp_component_sample.c", "iot_sample_common.c", "iot_sample_common.h",
      "pnp/pnp_device_info_component.c", "pnp/pnp_device_info_component.h", "pnp/pnp_mqtt_message.c", "pnp/pnp_mqtt_message.h",
      "pnp/pnp_thermostat_component.c", "pnp/pnp_thermostat_component.h"],
     ["dtmi:com:example:TemperatureController;1"], "c305408ce67e98e1417bb7518ae2743b8c397ecd"),
    # 1.0.0 (September 2020): Plug and Play on the hub client, with the samples' own
    # pnp_protocol helpers putting the component on the message properties
    ("azure-sdk-for-c", "paho_iot_hub_pnp_sample_1.0.0", "sdk/samples/iot",
     ["paho_iot_hub_pnp_sample.c", "iot_sample_common.c", "iot_sample_common.h"],
     ["dtmi:com:example:Thermostat;1"], "5e9d7b96dbd98ce7125e4beed385959a32b4c6c1"),
    ("azure-sdk-for-c", "paho_iot_hub_pnp_component_sample_1.0.0", "sdk/samples/iot",
     ["paho_iot_hub_pnp_component_sample.c", "iot_sample_common.c", "iot_sample_common.h",
      "pnp/pnp_device_info_component.c", "pnp/pnp_device_info_component.h", "pnp/pnp_mqtt_message.c", "pnp/pnp_mqtt_message.h",
      "pnp/pnp_protocol.c", "pnp/pnp_protocol.h", "pnp/pnp_thermostat_component.c", "pnp/pnp_thermostat_component.h"],
     ["dtmi:com:example:TemperatureController;1"], "5e9d7b96dbd98ce7125e4beed385959a32b4c6c1"),
    ("azure-sdk-for-c", "paho_iot_provisioning_sample", "sdk/samples/iot", ["paho_iot_provisioning_sample.c", "iot_sample_common.c", "iot_sample_common.h"], []),
    ("azure-sdk-for-c", "paho_iot_provisioning_sas_sample", "sdk/samples/iot", ["paho_iot_provisioning_sas_sample.c", "iot_sample_common.c", "iot_sample_common.h"], []),
    ("azure-sdk-for-c", "paho_iot_hub_telemetry_sample", "sdk/samples/iot", ["paho_iot_hub_telemetry_sample.c", "iot_sample_common.c", "iot_sample_common.h"], []),
    ("azure-sdk-for-c", "paho_iot_hub_sas_telemetry_sample", "sdk/samples/iot", ["paho_iot_hub_sas_telemetry_sample.c", "iot_sample_common.c", "iot_sample_common.h"], []),
    ("azure-sdk-for-c", "aziot_esp32", "sdk/samples/iot/aziot_esp32", ["aziot_esp32.ino", "iot_configs.h"], []),
    ("azure-sdk-for-c", "aziot_esp8266", "sdk/samples/iot/aziot_esp8266", ["aziot_esp8266.ino", "iot_configs.h"], []),
    ("azure-sdk-for-c", "vxworks_azureProvisioningClientSample", "sdk/samples/iot/vxworks", ["azureProvisioningClientSample.c"], []),

    ("netxduo", "sample_azure_iot_embedded_sdk_pnp", "addons/azure_iot/samples", ["sample_azure_iot_embedded_sdk_pnp.c", "sample_config.h"], ["dtmi:com:example:Thermostat;4"]),
    ("netxduo", "sample_azure_iot_embedded_sdk", "addons/azure_iot/samples", ["sample_azure_iot_embedded_sdk.c", "sample_config.h"], []),

    ("iot-middleware-freertos-samples", "sample_azure_iot_pnp_linux", "demos",
     ["sample_azure_iot_pnp/sample_azure_iot_pnp.c", "sample_azure_iot_pnp/sample_azure_iot_pnp_data_if.h",
      "sample_azure_iot_pnp/sample_azure_iot_pnp_simulated_data.c", "projects/PC/linux/config/demo_config.h"],
     ["dtmi:com:example:Thermostat;1"]),
    ("iot-middleware-freertos-samples", "sample_azure_iot_pnp_esp32_aziotkit", "demos",
     ["sample_azure_iot_pnp/sample_azure_iot_pnp.c", "sample_azure_iot_pnp/sample_azure_iot_pnp_data_if.h",
      "projects/ESPRESSIF/aziotkit/main/azure_iot_freertos_esp32_main.c",
      "projects/ESPRESSIF/aziotkit/main/azure_iot_freertos_esp32_sensors_data.c",
      "projects/ESPRESSIF/aziotkit/main/azure_iot_freertos_esp32_sensors_data.h",
      "projects/ESPRESSIF/aziotkit/config/demo_config.h"],
     ["dtmi:azureiot:devkit:freertos:Esp32AzureIotKit;1"]),
    ("iot-middleware-freertos-samples", "sample_azure_iot_adu_esp32", "demos",
     ["sample_azure_iot_adu/sample_azure_iot_adu.c", "sample_azure_iot_adu/sample_azure_iot_pnp_data_if.h",
      "sample_azure_iot_adu/sample_azure_iot_pnp_simulated_data.c", "projects/ESPRESSIF/adu/config/demo_config.h"], []),
    ("iot-middleware-freertos-samples", "sample_azure_iot_linux", "demos",
     ["sample_azure_iot/sample_azure_iot.c", "projects/PC/linux/config/demo_config.h"], []),
    ("iot-middleware-freertos-samples", "sample_azure_iot_gsg_stm32l475", "demos",
     ["sample_azure_iot_gsg/sample_azure_iot_gsg.c", "sample_azure_iot_gsg/sample_gsg_device.h",
      "projects/ST/b-l475e-iot01a/sample_gsg_device.c", "projects/ST/b-l475e-iot01a/config/demo_config.h"],
     ["dtmi:azureiot:devkit:freertos:gsgstml475;2"]),

    ("azure-sdk-for-c-arduino", "Azure_IoT_Central_ESP32", "examples/Azure_IoT_Central_ESP32",
     ["Azure_IoT_Central_ESP32.ino", "AzureIoT.cpp", "AzureIoT.h", "Azure_IoT_PnP_Template.cpp", "Azure_IoT_PnP_Template.h", "iot_configs.h"],["dtmi:azureiot:devkit:freertos:Esp32AzureIotKit;1"]),
    ("azure-sdk-for-c-arduino", "Azure_IoT_Central_ESP32_AzureIoTKit", "examples/Azure_IoT_Central_ESP32_AzureIoTKit",
     ["Azure_IoT_Central_ESP32_AzureIoTKit.ino", "AzureIoT.cpp", "AzureIoT.h", "Azure_IoT_PnP_Template.cpp", "Azure_IoT_PnP_Template.h", "iot_configs.h"],["dtmi:azureiot:devkit:freertos:Esp32AzureIotKit;1"]),
    ("azure-sdk-for-c-arduino", "Azure_IoT_Central_Arduino_Portenta_H7", "examples/Azure_IoT_Central_Arduino_Portenta_H7",
     ["Azure_IoT_Central_Arduino_Portenta_H7.ino", "AzureIoT.cpp", "AzureIoT.h", "Azure_IoT_PnP_Template.cpp", "Azure_IoT_PnP_Template.h", "iot_configs.h"],["dtmi:azureiot:devkit:freertos:Esp32AzureIotKit;1"]),
    ("azure-sdk-for-c-arduino", "Azure_IoT_Central_Arduino_Nano_RP2040_Connect", "examples/Azure_IoT_Central_Arduino_Nano_RP2040_Connect",
     ["Azure_IoT_Central_Arduino_Nano_RP2040_Connect.ino", "AzureIoT.cpp", "AzureIoT.h", "Azure_IoT_PnP_Template.cpp", "Azure_IoT_PnP_Template.h", "iot_configs.h"],["dtmi:azureiot:devkit:freertos:Esp32AzureIotKit;1"]),
    ("azure-sdk-for-c-arduino", "Azure_IoT_Hub_ESP32", "examples/Azure_IoT_Hub_ESP32", ["Azure_IoT_Hub_ESP32.ino", "iot_configs.h"], []),
    ("azure-sdk-for-c-arduino", "Azure_IoT_Hub_PortentaH7", "examples/Azure_IoT_Hub_PortentaH7", ["Azure_IoT_Hub_PortentaH7.ino", "iot_configs.h"], []),
    ("azure-sdk-for-c-arduino", "Azure_IoT_Hub_Arduino_Nano_RP2040_Connect", "examples/Azure_IoT_Hub_Arduino_Nano_RP2040_Connect",
     ["Azure_IoT_Hub_Arduino_Nano_RP2040_Connect.ino", "iot_configs.h"], []),

    ("azure-iot-central-esp32-sample", "Azure_IoT_Central_ESP32", "Azure_IoT_Central_ESP32",
     ["Azure_IoT_Central_ESP32.ino", "AzureIoT.cpp", "AzureIoT.h", "Azure_IoT_PnP_Template.cpp", "Azure_IoT_PnP_Template.h", "iot_configs.h"],["dtmi:azureiot:devkit:freertos:Esp32AzureIotKit;1"]),

    ("azure-iot-arduino", "esp32_iothub_ll_telemetry_sample", "examples/esp32/iothub_ll_telemetry_sample",
     ["iothub_ll_telemetry_sample.ino", "iot_configs.h", "sample_init.h"], []),
    ("azure-iot-arduino", "esp8266_iothub_ll_telemetry_sample", "examples/esp8266/iothub_ll_telemetry_sample",
     ["iothub_ll_telemetry_sample.ino", "iot_configs.h", "sample_init.h"], []),

    ("IoTMQTTSample", "mosquitto_telemetry", "mosquitto/src", ["mosquitto_telemetry.cpp", "config.h"], []),
    ("IoTMQTTSample", "mosquitto_device_twin", "mosquitto/src", ["mosquitto_device_twin.cpp", "config.h"], []),
]

GSG_SHARED = ["shared/src/azure_iot_nx_client.c", "shared/src/azure_iot_nx_client.h"]
for board, model, extra in [
    ("MXChip/AZ3166", "dtmi:azurertos:devkit:gsgmxchip;2", []),
    ("Microchip/ATSAME54-XPRO", "dtmi:azurertos:devkit:gsgmicrochipsame54;1", []),
    ("NXP/MIMXRT1060-EVK", "dtmi:azurertos:devkit:gsg;2", []),
    ("Renesas/RX65N_Cloud_Kit", "dtmi:azurertos:devkit:gsgrx65ncloud;1", []),
    ("STMicroelectronics/B-L475E-IOT01A", "dtmi:azurertos:devkit:gsgstml4s5;2", []),
    ("SiliconLabs/EFR32MG12", "dtmi:azurertos:devkit:gsg;2", []),
]:
    files = [f"{board}/app/main.c", f"{board}/app/nx_client.c", f"{board}/app/nx_client.h",
             f"{board}/app/azure_config.h", f"{board}/app/azure_pnp_info.h"] + GSG_SHARED + extra
    PROGRAMS.append(("getting-started", board.replace("/", "_"), "", files, [model]))


# azure-iot-sdk-c's Plug and Play samples as of the July 2021 LTS: a device-client helper
# (PnP_CreateDeviceClientLLHandle), the DPS payload through azure-c-shared-utility's
# STRING_construct_sprintf, component telemetry through PnP_CreateTelemetryMessageHandle.
SDKC_LTS_2021 = "808a5595f98853a5f2eae2c67dd9b3608a2338ea"
PROGRAMS.append(("azure-iot-sdk-c", "pnp_simple_thermostat_LTS_07_2021", PNP,
                 ["pnp_simple_thermostat/pnp_simple_thermostat.c", "common/pnp_device_client_ll.c", "common/pnp_device_client_ll.h",
                  "common/pnp_dps_ll.c", "common/pnp_dps_ll.h", "common/pnp_protocol.c", "common/pnp_protocol.h"],
                 ["dtmi:com:example:Thermostat;1"], SDKC_LTS_2021))
PROGRAMS.append(("azure-iot-sdk-c", "pnp_temperature_controller_LTS_07_2021", PNP,
                 ["pnp_temperature_controller/pnp_temperature_controller.c", "pnp_temperature_controller/pnp_thermostat_component.c",
                  "pnp_temperature_controller/pnp_thermostat_component.h", "pnp_temperature_controller/pnp_deviceinfo_component.c",
                  "pnp_temperature_controller/pnp_deviceinfo_component.h", "common/pnp_device_client_ll.c", "common/pnp_device_client_ll.h",
                  "common/pnp_dps_ll.c", "common/pnp_dps_ll.h", "common/pnp_protocol.c", "common/pnp_protocol.h"],
                 ["dtmi:com:example:TemperatureController;1"], SDKC_LTS_2021))

# The same boards in November 2020: telemetry through `azure_iot_nx_client_publish_float_telemetry
# (&client, "name", value)`, the Model ID dtmi:com:example:azurertos:gsg;1.
GSG_2020 = "e4896cdbe32c0cc3981add124a1e88c2b3fad97c"
for board in ["MXChip/AZ3166", "STMicroelectronics/STM32L4_L4+", "NXP/MIMXRT1060-EVK"]:
    files = [f"{board}/app/main.c", f"{board}/app/nx_client.c", f"{board}/app/nx_client.h", f"{board}/app/azure_config.h",
             "core/src/azure_iot_nx/azure_iot_nx_client.c", "core/src/azure_iot_nx/azure_iot_nx_client.h"]
    PROGRAMS.append(("getting-started", board.replace("/", "_").replace("+", "plus") + "_2020-11", "", files,
                     ["dtmi:com:example:azurertos:gsg;1"], GSG_2020))


# C++ programs.
PROGRAMS.append(("wioterminal-aziot-example", "wioterminal_aziot_example", "",
                 ["src/main.cpp", "src/AzureDpsClient.cpp", "include/AzureDpsClient.h", "include/Config.h",
                  "include/Signature.h", "include/Storage.h", "include/CliMode.h"],
                 ["dtmi:seeedkk:wioterminal:wioterminal_aziot_example;5"]))
for sketch in ["ESP32IoTSample_WiFi/ESP32IoTSample_Wifi.ino"]:
    PROGRAMS.append(("Arduino-IoTHubDevice", sketch.split("/")[0], "",
                     ["examples/" + sketch, "src/IoTHubDevice.cpp", "src/IoTHubDevice.h", "src/IoTHubMessage.cpp",
                      "src/IoTHubMessage.h", "src/MapUtil.cpp", "src/MapUtil.h"], []))
IOTC = ["iotc/iotc.h", "iotc/common/iotc_common.cpp", "iotc/common/iotc_definitions.h", "iotc/common/iotc_internal.cpp",
        "iotc/common/iotc_internal.h", "iotc/common/iotc_platform.h", "iotc/common/string_buffer.cpp", "iotc/common/string_buffer.h"]
PROGRAMS.append(("iot-central-firmware", "ESP8266", "ESP8266",
                 ["ESP8266.ino", "src/connection.h", "src/iotc/arduino/iotc.cpp", "src/iotc/arduino/comms.cpp",
                  "src/iotc/common/iotc_json.h"] + ["src/" + f for f in IOTC], []))
MX = "MXCHIP/mxchip_advanced"
PROGRAMS.append(("iot-central-firmware", "MXCHIP_mxchip_advanced", MX,
                 ["iotCentral.ino", "inc/AzureIOTClient.h", "inc/application.h", "inc/config.h", "inc/definitions.h",
                  "inc/device.h", "inc/globals.h", "inc/loop.h", "inc/registeredMethodHandlers.h", "inc/sensors.h",
                  "inc/telemetry.h", "inc/utility.h", "src/AzureIOTClient.cpp", "src/application.cpp", "src/config.cpp",
                  "src/device.cpp", "src/globals.cpp", "src/registeredMethodHandlers.cpp", "src/telemetry.cpp",
                  "src/utility.cpp", "src/iotc/sdk_plat/iotc.cpp", "src/iotc/common/json.h", "src/iotc/common/parson.h"]
                 + ["src/" + f for f in IOTC], []))


def git(repo_key, *args):
    owner_name = REPOS[repo_key][0].replace("/", "+")
    return subprocess.run(["git", "--git-dir", os.path.join(MIRRORS, owner_name, "repo"), *args],
                          check=True, capture_output=True).stdout


def model_file(dtmi):
    path, version = dtmi.split(";")
    return "dtmi/" + "/".join(path.split(":")[1:]).lower() + "-" + version + ".json"


def model_closure(dtmis, data):
    seen, todo = [], list(dtmis)
    while todo:
        d = todo.pop()
        if d in seen:
            continue
        seen.append(d)
        text = open(os.path.join(data, model_file(d)), encoding="utf-8").read()
        for ref in set(__import__("re").findall(r'"(dtmi:[^"#]+;[0-9]+)"', text)):
            if ref != d and os.path.exists(os.path.join(data, model_file(ref))) and not ref.startswith("dtmi:dtdl:"):
                todo.append(ref)
    return sorted(seen)


def main(only=None):
    data = os.environ.get("AICS_LINT_DATA", os.path.join(HERE, "../../../shared/data"))
    for key, name, base, files, models, *pin in PROGRAMS:
        if only and key not in only and name not in only:
            continue
        repo, commit, licence = REPOS[key]
        commit = pin[0] if pin else commit
        out = os.path.join(HERE, key, name)
        os.makedirs(out, exist_ok=True)
        lic_line = f"licence: {licence} (copied as LICENSE)" if licence else "licence: MIT, stated in README.md (no licence file in the repository; LICENSE holds the MIT text and that statement)"
        lines = [f"repository: https://github.com/{repo}", f"commit: {commit}", lic_line, "files:"]
        for f in files:
            src = f"{base}/{f}" if base else f
            dst = os.path.join(out, f)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "wb") as fh:
                fh.write(git(key, "show", f"{commit}:{src}"))
            lines.append(f"  {src} -> {f}")
        with open(os.path.join(out, "LICENSE"), "wb") as fh:
            fh.write(git(key, "show", f"{commit}:{licence}") if licence else SEEED_LICENSE.encode())
        if models:
            lines.append(f"models: https://github.com/{MODELS_REPO[0]} (MIT), as stored in the project's data copy; the index's version is commit {MODELS_REPO[1]}")
            for d in model_closure(models, os.path.join(data, "pnp-models")):
                src = os.path.join(data, "pnp-models", model_file(d))
                dst = os.path.join(out, "models", os.path.basename(model_file(d)))
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                with open(src, "rb") as a, open(dst, "wb") as b:
                    b.write(a.read())
                lines.append(f"  {model_file(d)} -> models/{os.path.basename(dst)}")
            lic = os.path.join(out, "models", "LICENSE")
            with open(os.path.join(data, "pnp-models", "LICENSE"), "rb") as a, open(lic, "wb") as b:
                b.write(a.read())
        with open(os.path.join(out, "PROVENANCE"), "w") as fh:
            fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    MIRRORS = sys.argv[1]
    main(set(sys.argv[2:]))
