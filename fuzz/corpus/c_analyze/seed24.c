// Builds the custom registration payload sent with the DPS request.
#include <stdio.h>
#include "dps.h"
#include "app_config.h"

static const char registration_payload[] = "{\"modelId\":\"" APP_MODEL_ID "\"}";

int set_dps_payload(PROV_DEVICE_LL_HANDLE handle)
{
    if (handle == NULL)
    {
        return -1;
    }

    if (Prov_Device_LL_Set_Provisioning_Payload(handle, registration_payload) != PROV_DEVICE_RESULT_OK)
    {
        (void)printf("payload rejected\r\n");
        return -1;
    }
    return 0;
}
