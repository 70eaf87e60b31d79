// Builds the custom registration payload sent with the DPS request.
#include <stdio.h>
#include "dps.h"
#include "app_config.h"

// DPS custom allocation reads the site and the device role.
static const char registration_payload[] = "{\"site\":\"lab-07\",\"role\":\"environment\"}";

int set_dps_payload(PROV_DEVICE_LL_HANDLE handle)
{
    if (handle == NULL)
    {
        return -1;
    }

    if (Prov_Device_LL_Set_Provisioning_Payload(handle, registration_payload) != PROV_DEVICE_RESULT_OK) // expect: AICS001
    {
        (void)printf("payload rejected\r\n");
        return -1;
    }
    return 0;
}
