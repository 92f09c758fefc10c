/* otcore from C: check that the header and the library agree, and read status messages.
 *   cc -std=c99 version.c $(pkg-config --cflags --libs otcore) -o version && ./version */
#include <stdio.h>
#include <string.h>
#include "otcore.h"

int main(void) {
    printf("otcore header %d.%d.%d, library %s\n", OTC_VERSION_MAJOR, OTC_VERSION_MINOR,
           OTC_VERSION_PATCH, otc_version_string());
    if (otc_version_number() != OTC_VERSION_NUMBER) {
        fprintf(stderr, "header/library mismatch: %u vs %d\n", (unsigned)otc_version_number(),
                OTC_VERSION_NUMBER);
        return 1;
    }
    printf("OTC_ERR_NON_FINITE: %s\n", otc_status_message(OTC_ERR_NON_FINITE));
    if (strcmp(otc_status_message(OTC_OK), otc_status_message(OTC_ERR_NON_FINITE)) == 0) {
        fprintf(stderr, "status messages do not tell codes apart\n");
        return 1;
    }
    printf("version example ok\n");
    return 0;
}
