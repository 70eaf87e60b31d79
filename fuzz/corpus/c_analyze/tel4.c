// Environment sensor: names handed to helpers as plain strings, spans and a macro.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <azure/core/az_json.h>
#include <azure/core/az_result.h>
#include <azure/core/az_span.h>
#include <azure/iot/az_iot_hub_client.h>
#include <azure/iot/az_iot_hub_client_properties.h>

#include "device.h"

#define RETURN_IF_FAILED(expr)        \
  do                                  \
  {                                   \
    az_result const _r = (expr);      \
    if (az_result_failed(_r))         \
    {                                 \
      return _r;                      \
    }                                 \
  } while (0)

#include "sensors.h"

#define TELEMETRY_HUMIDITY "humidity"

static az_span const pressure_telemetry = AZ_SPAN_LITERAL_FROM_STR("pressure");

static void publish_span_telemetry(az_iot_hub_client* client, az_span name, double value)
{
  char topic[128];
  uint8_t payload[64];
  az_json_writer jw;

  if (az_result_failed(az_iot_hub_client_telemetry_get_publish_topic(client, NULL, topic, sizeof(topic), NULL))
      || az_result_failed(az_json_writer_init(&jw, AZ_SPAN_FROM_BUFFER(payload), NULL))
      || az_result_failed(az_json_writer_append_begin_object(&jw))
      || az_result_failed(az_json_writer_append_property_name(&jw, name))
      || az_result_failed(az_json_writer_append_double(&jw, value, 2))
      || az_result_failed(az_json_writer_append_end_object(&jw)))
  {
    printf("could not build telemetry %.*s\n", az_span_size(name), az_span_ptr(name));
    return;
  }
  mqtt_publish_message(topic, az_json_writer_get_bytes_used_in_destination(&jw));
}

static void publish_float_telemetry(az_iot_hub_client* client, char const* name, double value)
{
  publish_span_telemetry(client, az_span_create_from_str((char*)name), value);
}

static void publish_humidity(double humidity)
{
  char topic[128];
  char payload[48];
  int length = snprintf(payload, sizeof(payload), "{\"" TELEMETRY_HUMIDITY "\":%0.2f}", humidity);

  if (length > 0
      && az_result_succeeded(az_iot_hub_client_telemetry_get_publish_topic(&hub_client, NULL, topic, sizeof(topic), NULL)))
  {
    mqtt_publish_message(topic, az_span_create((uint8_t*)payload, length));
  }
}

void app_init(void)
{
  sensors_init();
}

void app_send_telemetry(void)
{
  publish_float_telemetry(&hub_client, "temperature", read_temperature());
  publish_humidity(read_humidity());
  publish_span_telemetry(&hub_client, pressure_telemetry, read_pressure());
  publish_float_telemetry(&hub_client, "batteryLevel", battery_percent());
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
