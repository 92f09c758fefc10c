/* otcore from C: the Bures / 2-Wasserstein distance between Gaussians (ABI 1 shape:
 * problem, outputs, options, workspace).
 *   cc -std=c99 bures.c $(pkg-config --cflags --libs otcore) -lm -o bures
 * For commuting (here diagonal) covariances the Bures distance has the closed form
 * sum_k (sqrt(s1_k) - sqrt(s2_k))^2; a rotation of both covariances leaves it unchanged. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "otcore.h"

/* B^2(S1, S2) with the default options and a library-allocated workspace. */
static otc_status bures(otc_matrix_f64 S1, otc_matrix_f64 S2, double *b2) {
    otc_bures_problem_f64 p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    otc_bures_outputs_f64 out;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    otc_workspace none = {NULL, 0};
    otc_status st;
    p.sigma1 = S1;
    p.sigma2 = S2;
    st = otc_bures_f64(&p, &out, NULL, none);
    *b2 = out.bures_squared;
    return st;
}

int main(void) {
    const double c = cos(0.4), s = sin(0.4);
    /* S1 = diag(4, 1), S2 = diag(1, 9); R S R^T with R the rotation by 0.4 rad. */
    double s1[4] = {4, 0, 0, 1}, s2[4] = {1, 0, 0, 9}, r1[4], r2[4];
    double m1[2] = {0, 1}, m2[2] = {3, 1}, b2 = 0, rotated = 0;
    const double want = (2.0 - 1.0) * (2.0 - 1.0) + (1.0 - 3.0) * (1.0 - 3.0);
    otc_matrix_f64 S1 = {s1, 2, 2, 2, 1}, S2 = {s2, 2, 2, 2, 1};
    otc_matrix_f64 R1 = {r1, 2, 2, 2, 1}, R2 = {r2, 2, 2, 2, 1};
    otc_gaussian_w2_problem_f64 p;
    memset(&p, 0, sizeof p);
    p.struct_size = sizeof p;
    otc_gaussian_w2_outputs_f64 out;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    otc_gaussian_w2_options opts;
    otc_workspace none = {NULL, 0};
    otc_status st;

    r1[0] = 4 * c * c + 1 * s * s; r1[1] = r1[2] = (4 - 1) * c * s; r1[3] = 4 * s * s + 1 * c * c;
    r2[0] = 1 * c * c + 9 * s * s; r2[1] = r2[2] = (1 - 9) * c * s; r2[3] = 1 * s * s + 9 * c * c;
    st = bures(S1, S2, &b2);
    if (st == OTC_OK) st = bures(R1, R2, &rotated);
    /* W2^2 between N(m1, S1) and N(m2, S2) on the calling thread only. */
    p.m1 = m1; p.sigma1 = S1; p.m2 = m2; p.sigma2 = S2;
    if (st == OTC_OK) st = otc_gaussian_w2_options_default(&opts);
    opts.num_threads = 1;
    if (st == OTC_OK) st = otc_gaussian_w2_f64(&p, &out, &opts, none);
    if (st != OTC_OK) {
        printf("error %d: %s\n", (int)st, otc_last_error_message());
        return 1;
    }
    printf("Bures^2 %.15f (closed form %.15f), rotated %.15f, W2^2 %.15f\n", b2, want, rotated,
           out.w2_squared);
    if (fabs(b2 - want) > 1e-12 || fabs(rotated - want) > 1e-12 ||
        fabs(out.w2_squared - (want + 9)) > 1e-12)
        return 1;
    printf("bures example ok\n");
    return 0;
}
