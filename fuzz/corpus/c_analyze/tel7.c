// Environment sensor whose channel table comes from /etc/contoso/channels.conf, so the
// telemetry names are only known at run time. Only the temperature is hard-wired.
#include <stdio.h>
#include <string.h>

#include "iothub_device_client_ll.h"
#include "iothub_message.h"
#include "device_app.h"
#include "adc.h"

#define CHANNEL_CONFIG_PATH "/etc/contoso/channels.conf"
#define MAX_CHANNELS 8

typedef struct CHANNEL_TAG
{
    char telemetry_name[32];
    int adc_channel;
    double scale;
} CHANNEL;

static CHANNEL g_channels[MAX_CHANNELS];
static size_t g_channel_count;

static void send_json(IOTHUB_DEVICE_CLIENT_LL_HANDLE hub, const char* json)
{
    IOTHUB_MESSAGE_HANDLE message = IoTHubMessage_CreateFromString(json);
    if (message != NULL)
    {
        (void)IoTHubMessage_SetContentTypeSystemProperty(message, "application%2fjson");
        (void)IoTHubMessage_SetContentEncodingSystemProperty(message, "utf-8");
        (void)IoTHubDeviceClient_LL_SendEventAsync(hub, message, NULL, NULL);
        IoTHubMessage_Destroy(message);
    }
}

// Lines look like "humidity 3 0.0244": telemetry name, ADC channel, scale.
static void load_channels(void)
{
    FILE* config = fopen(CHANNEL_CONFIG_PATH, "r");
    g_channel_count = 0;
    if (config == NULL)
    {
        (void)printf("no channel table at %s\r\n", CHANNEL_CONFIG_PATH);
        return;
    }
    while (g_channel_count < MAX_CHANNELS &&
           fscanf(config, "%31s %d %lf", g_channels[g_channel_count].telemetry_name,
                  &g_channels[g_channel_count].adc_channel, &g_channels[g_channel_count].scale) == 3)
    {
        g_channel_count++;
    }
    (void)fclose(config);
}

void app_init(IOTHUB_DEVICE_CLIENT_LL_HANDLE device_handle)
{
    (void)device_handle;
    load_channels();
}

void app_send_telemetry(IOTHUB_DEVICE_CLIENT_LL_HANDLE device_handle)
{
    char json[64];

    (void)snprintf(json, sizeof(json), "{\"temperature\":%.2f}", adc_read_temperature());
    send_json(device_handle, json);

    for (size_t i = 0; i < g_channel_count; i++)
    {
        double value = adc_read(g_channels[i].adc_channel) * g_channels[i].scale;
        (void)snprintf(json, sizeof(json), "{\"%s\":%.2f}", g_channels[i].telemetry_name, value);
        send_json(device_handle, json);
    }
}

@@@
#define X 1
@@@
{
  "@context": "dtmi:dtdl:context;2",
  "@id": "dtmi:contoso:env:EnvironmentSensor;1",
  "@type": "Interface",
  "displayName": "Environment sensor",
  "contents": [
    {
      "@type": [
        "Telemetry",
        "Temperature"
      ],
      "name": "temperature",
      "schema": "double",
      "unit": "degreeCelsius"
    },
    {
      "@type": [
        "Telemetry",
        "RelativeHumidity"
      ],
      "name": "humidity",
      "schema": "double",
      "unit": "percent"
    },
    {
      "@type": [
        "Telemetry",
        "Pressure"
      ],
      "name": "pressure",
      "schema": "double",
      "unit": "millibar"
    },
    {
      "@type": "Telemetry",
      "name": "batteryLevel",
      "displayName": "Battery level (%)",
      "schema": "double"
    },
    {
      "@type": "Property",
      "name": "reportingIntervalSeconds",
      "schema": "integer",
      "writable": true
    },
    {
      "@type": "Command",
      "name": "calibrate",
      "request": {
        "name": "referenceTemperature",
        "schema": "double"
      }
    }
  ]
}
