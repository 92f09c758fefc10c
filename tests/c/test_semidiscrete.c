/* Laguerre cells through the C ABI: brute force, f32, masses, workspace, errors. */
#include <stdint.h>
#include <stdlib.h>
#include "check.h"

static double lcg(unsigned long *s) {
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return (double)((*s >> 11) & ((1UL << 53) - 1)) / 9007199254740992.0;
}

static void test_laguerre(void) {
    enum { N = 500, n = 23, d = 2 };
    static double x[N * d], y[n * d], g[n], masses[n], w[N];
    static float xf[N * d], yf[n * d], gf[n];
    static uint32_t cells[N], cells_f[N];
    unsigned long s = 42;
    int i, j, k;
    for (i = 0; i < N * d; i++) { x[i] = lcg(&s); xf[i] = (float)x[i]; }
    for (i = 0; i < n * d; i++) { y[i] = lcg(&s); yf[i] = (float)y[i]; }
    for (j = 0; j < n; j++) { g[j] = 0.05 * lcg(&s); gf[j] = (float)g[j]; }
    for (i = 0; i < N; i++) w[i] = 1.0 + (double)(i % 3);
    otc_matrix_f64 X = {x, N, d, d, 1}, Y = {y, n, d, d, 1};
    otc_matrix_f32 Xf = {xf, N, d, d, 1}, Yf = {yf, n, d, d, 1};
    otc_laguerre_options opts;
    CHECK_STATUS(otc_laguerre_options_default(&opts), OTC_OK);
    opts.num_threads = 2;
    size_t bytes = 0;
    CHECK_STATUS(otc_laguerre_workspace_size(n, d, &opts, &bytes), OTC_OK);
    void *work = malloc(bytes);
    CHECK_STATUS(otc_laguerre_assign_f64(X, w, Y, g, &opts, cells, masses, work, bytes), OTC_OK);
    CHECK_STATUS(otc_laguerre_assign_f32(Xf, NULL, Yf, gf, NULL, cells_f, NULL, NULL, 0), OTC_OK);
    int agree = 0, agree_f = 0;
    double total = 0.0, wsum = 0.0;
    for (i = 0; i < N; i++) {
        int best = 0;
        double bs = 1e300;
        for (j = 0; j < n; j++) {
            double sc = -g[j];
            for (k = 0; k < d; k++) sc += (x[i * d + k] - y[j * d + k]) * (x[i * d + k] - y[j * d + k]);
            if (sc < bs) { bs = sc; best = j; }
        }
        agree += (int)cells[i] == best;
        agree_f += (int)cells_f[i] == best;
        wsum += w[i];
    }
    for (j = 0; j < n; j++) total += masses[j];
    CHECK(agree == N);
    CHECK(agree_f >= N - 2);
    CHECK_CLOSE(total, wsum, 1e-9);
    /* A workspace one byte short, a NaN weight, an output aliasing an input. */
    CHECK_STATUS(otc_laguerre_assign_f64(X, w, Y, g, &opts, cells, masses, work, bytes / 2),
                 OTC_ERR_WORKSPACE_TOO_SMALL);
    g[3] = NAN;
    CHECK_STATUS(otc_laguerre_assign_f64(X, NULL, Y, g, NULL, cells, NULL, NULL, 0), OTC_ERR_NON_FINITE);
    g[3] = 0.0;
    CHECK_STATUS(otc_laguerre_assign_f64(X, NULL, Y, g, NULL, cells, (double *)y, NULL, 0), OTC_ERR_ALIASING);
    CHECK_STATUS(otc_laguerre_assign_f64(X, NULL, Y, NULL, NULL, cells, NULL, NULL, 0), OTC_ERR_NULL_POINTER);
    free(work);
}

int main(void) {
    test_laguerre();
    return report();
}
