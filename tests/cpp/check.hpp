// Shared CHECK macros of the C++ binding tests: count passes and failures, print the summary
// line "N passed, 0 failed" that tests/bindings/cpp_programs.rs expects.
#ifndef OTCORE_TEST_CHECK_HPP
#define OTCORE_TEST_CHECK_HPP
#include <cmath>
#include <iostream>

static int passed = 0, failed = 0;
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond) {                                                                  \
            ++passed;                                                                \
        } else {                                                                     \
            ++failed;                                                                \
            std::cout << "FAILED " << __FILE__ << ":" << __LINE__ << ": " #cond "\n"; \
        }                                                                            \
    } while (0)
/// |a - b| <= tol * (1 + |b|)
#define CHECK_CLOSE(a, b, tol)                                                              \
    do {                                                                                    \
        const double a_ = (a), b_ = (b);                                                    \
        if (std::fabs(a_ - b_) <= (tol) * (1 + std::fabs(b_))) {                            \
            ++passed;                                                                       \
        } else {                                                                            \
            ++failed;                                                                       \
            std::cout << "FAILED " << __FILE__ << ":" << __LINE__ << ": " #a " = " << a_    \
                      << " vs " #b " = " << b_ << "\n";                                     \
        }                                                                                   \
    } while (0)
/// The statement throws otcore::Error with the given status.
#define CHECK_THROWS(stmt, code)                                \
    do {                                                        \
        otc_status got_ = -1;                                   \
        try {                                                   \
            stmt;                                               \
        } catch (const otcore::Error &e) {                      \
            got_ = e.status();                                  \
        }                                                       \
        CHECK(got_ == (code));                                  \
    } while (0)

static int summary() {
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
#endif
