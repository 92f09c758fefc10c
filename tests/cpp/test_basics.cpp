// The C++ wrapper's error model, version check, views and workspace (no capability needed).
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "otcore.hpp"
#include "check.hpp"


int main() {
    // Version: the library serves this header.
    otcore::check_library_version();
    const otcore::Version v = otcore::library_version();
    CHECK(v.major == OTC_VERSION_MAJOR && v.minor == OTC_VERSION_MINOR && v.patch == OTC_VERSION_PATCH);
    CHECK(v.string == std::to_string(v.major) + "." + std::to_string(v.minor) + "." +
                          std::to_string(v.patch));

    // check(): success and warnings pass through, errors throw with status and message.
    CHECK(otcore::check(OTC_OK, "ok") == OTC_OK);
    CHECK(otcore::check(OTC_WARN_MAX_ITER, "warn") == OTC_WARN_MAX_ITER);
    try {
        otcore::check(OTC_ERR_NON_FINITE, "otcore_test_call");
        CHECK(false);
    } catch (const otcore::Error &e) {
        CHECK(e.status() == OTC_ERR_NON_FINITE);
        const std::string msg = e.what();
        CHECK(msg.rfind("otcore_test_call: ", 0) == 0);
        CHECK(msg.find(otc_status_message(OTC_ERR_NON_FINITE)) != std::string::npos);
    }

    // Views address elements through their strides.
    std::vector<double> a = {1, 2, 3, 4, 5, 6};  // 2 x 3 row-major, or 3 x 2 column-major
    auto r = otcore::View<double>::row_major(a, 3);
    CHECK(r.rows == 2 && r.cols == 3 && r(1, 0) == 4 && r(0, 2) == 3);
    auto c = otcore::View<double>::col_major(a.data(), 3, 2);
    CHECK(c(0, 1) == 4 && c(2, 0) == 3);
    auto every_other_row = otcore::View<double>::strided(a.data(), 2, 2, 4, 1);
    // rows 0 and 2 of `a` read as 3 x 2 row-major: {1, 2} and {5, 6}
    CHECK(every_other_row(1, 0) == 5 && every_other_row(1, 1) == 6);
    try {
        (void)otcore::View<double>::row_major(a, 4);
        CHECK(false);
    } catch (const otcore::Error &e) {
        CHECK(e.status() == OTC_ERR_INVALID_DIMENSION);
    }
    otcore::Matrix<float> m(2, 2);
    m.mut_view()(1, 0) = 7.0f;
    CHECK(m(1, 0) == 7.0f && m.data[2] == 7.0f);

    // Workspace: aligned, grows only, movable.
    otcore::Workspace w;
    CHECK(w.data() == nullptr && w.bytes() == 0);
    w.reserve(100);
    void *first = w.data();
    CHECK(first != nullptr && w.bytes() == 100 && reinterpret_cast<std::uintptr_t>(first) % 64 == 0);
    w.reserve(50);
    CHECK(w.data() == first && w.bytes() == 100);
    std::memset(w.data(), 0, w.bytes());
    otcore::Workspace moved = std::move(w);
    CHECK(moved.data() == first && w.data() == nullptr);

    return summary();
}
