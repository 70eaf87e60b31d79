#include "model_ids.h"

const az_span device_model_id = AZ_SPAN_LITERAL_FROM_STR("dtmi:contoso:energy:BatteryPack;1");
const az_span firmware_version = AZ_SPAN_LITERAL_FROM_STR("3.0.7");
