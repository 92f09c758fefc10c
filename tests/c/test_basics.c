/* Version, status strings and the last-error message through the C ABI. */
#include <string.h>
#include "check.h"

int main(void) {
    char expected[32];
    sprintf(expected, "%d.%d.%d", OTC_VERSION_MAJOR, OTC_VERSION_MINOR, OTC_VERSION_PATCH);
    CHECK(strcmp(otc_version_string(), expected) == 0);
    CHECK(otc_version_number() == OTC_VERSION_NUMBER);
    CHECK(strcmp(otc_status_message(OTC_OK), "success") == 0);
    CHECK(strcmp(otc_status_message(OTC_ERR_NULL_POINTER), "a required pointer is NULL") == 0);
    CHECK(strcmp(otc_status_message(12345), "unknown status") == 0);
    CHECK(otc_last_error_message() != NULL);
    CHECK(strcmp(otc_last_error_message(), "") == 0);
    return report();
}
