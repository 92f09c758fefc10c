/* Gaussian optimal transport through the C ABI: closed forms (diagonal, 1-D), the map and its
 * application, geodesic, barycenter, pairwise distances, moments, PSD square roots, row- and
 * column-major views, caller workspaces, warnings and errors (outputs untouched). */
#include <stdlib.h>
#include <string.h>
#include "check.h"

static otc_matrix_f64 rm(const double *a, size_t r, size_t c) { /* row-major view */
    otc_matrix_f64 v;
    v.data = a; v.rows = r; v.cols = c; v.row_stride = (ptrdiff_t)c; v.col_stride = 1;
    return v;
}
static otc_matrix_f64 cm(const double *a, size_t r, size_t c) { /* column-major view */
    otc_matrix_f64 v;
    v.data = a; v.rows = r; v.cols = c; v.row_stride = 1; v.col_stride = (ptrdiff_t)r;
    return v;
}
static otc_matrix_mut_f64 rmo(double *a, size_t r, size_t c) {
    otc_matrix_mut_f64 v;
    v.data = a; v.rows = r; v.cols = c; v.row_stride = (ptrdiff_t)c; v.col_stride = 1;
    return v;
}
static void diag3(double *m, double a, double b, double c) {
    memset(m, 0, 9 * sizeof(double));
    m[0] = a; m[4] = b; m[8] = c;
}

int main(void) {
    otc_gaussian_options opts;
    CHECK_STATUS(otc_gaussian_options_default(&opts), OTC_OK);
    CHECK(opts.struct_size == sizeof(otc_gaussian_options));
    CHECK(opts.num_threads == 0 && opts.max_iter == 1000);

    /* Diagonal (commuting) case: B^2 = sum (sqrt a - sqrt b)^2. */
    double s1[9], s2[9];
    diag3(s1, 1.0, 4.0, 9.0);
    diag3(s2, 4.0, 1.0, 0.25);
    double exact = 1.0 + 1.0 + 2.5 * 2.5, b2 = -1.0;
    CHECK_STATUS(otc_bures_distance(rm(s1, 3, 3), cm(s2, 3, 3), &opts, NULL, 0, &b2), OTC_OK);
    CHECK_CLOSE(b2, exact, 1e-12);

    /* W2 with means, on a caller workspace; a too-small one leaves the output untouched. */
    double m1[3] = {1, 2, 3}, m2[3] = {0, 2, 5};
    size_t bytes = 0;
    CHECK_STATUS(otc_gaussian_workspace_size(OTC_GAUSSIAN_OP_DISTANCE, 3, 0, 0, &opts, &bytes), OTC_OK);
    CHECK(bytes > 0);
    void *work = malloc(bytes);
    double w2 = -1.0;
    CHECK_STATUS(otc_gaussian_w2(3, m1, rm(s1, 3, 3), m2, rm(s2, 3, 3), &opts, work, bytes, &w2), OTC_OK);
    CHECK_CLOSE(w2, exact + 1.0 + 4.0, 1e-12);
    w2 = -1.0;
    CHECK_STATUS(otc_gaussian_w2(3, m1, rm(s1, 3, 3), m2, rm(s2, 3, 3), &opts, work, bytes / 2, &w2),
                 OTC_ERR_WORKSPACE_TOO_SMALL);
    CHECK(w2 == -1.0);
    free(work);
    CHECK_STATUS(otc_gaussian_workspace_size(99, 3, 0, 0, &opts, &bytes), OTC_ERR_INVALID_ARGUMENT);

    /* 1-D: W2^2 = (m1-m2)^2 + (s1-s2)^2. */
    double v1 = 4.0, v2 = 0.25, a1 = 0.5, a2 = -1.0;
    CHECK_STATUS(otc_gaussian_w2(1, &a1, rm(&v1, 1, 1), &a2, rm(&v2, 1, 1), NULL, NULL, 0, &w2), OTC_OK);
    CHECK_CLOSE(w2, 2.25 + 2.25, 1e-14);

    /* Entropic OT in 1-D (eps = 2 s^2): (m1-m2)^2 + a + b - D + s^2 (1 - log 2s^2) + s^2 log(D + s^2),
     * D = sqrt(4ab + s^4); tends to W2^2 as eps -> 0. */
    double ent = 0.0, sg = 0.25, Dd = sqrt(4.0 * v1 * v2 + sg * sg);
    CHECK_STATUS(otc_gaussian_entropic_w2(1, &a1, rm(&v1, 1, 1), &a2, rm(&v2, 1, 1), 2.0 * sg, NULL, NULL, 0, &ent), OTC_OK);
    CHECK_CLOSE(ent, 2.25 + v1 + v2 - Dd + sg * (1.0 - log(2.0 * sg)) + sg * log(Dd + sg), 1e-12);
    CHECK_STATUS(otc_gaussian_entropic_w2(1, &a1, rm(&v1, 1, 1), &a2, rm(&v2, 1, 1), 1e-10, NULL, NULL, 0, &ent), OTC_OK);
    CHECK_CLOSE(ent, 4.5, 1e-6);
    CHECK_STATUS(otc_gaussian_entropic_w2(1, &a1, rm(&v1, 1, 1), &a2, rm(&v2, 1, 1), -1.0, NULL, NULL, 0, &ent),
                 OTC_ERR_INVALID_ARGUMENT);

    /* The map between diagonal Gaussians: A = diag(sqrt(b/a)), b = m2 - A m1. */
    double A[9], bvec[3];
    CHECK_STATUS(otc_gaussian_map(m1, rm(s1, 3, 3), m2, rm(s2, 3, 3), &opts, NULL, 0, rmo(A, 3, 3), bvec), OTC_OK);
    CHECK_CLOSE(A[0], 2.0, 1e-13);
    CHECK_CLOSE(A[4], 0.5, 1e-13);
    CHECK_CLOSE(A[8], 0.5 / 3.0, 1e-13);
    CHECK_CLOSE(A[1], 0.0, 1e-13);
    CHECK_CLOSE(bvec[0], 0.0 - 2.0 * 1.0, 1e-12);
    CHECK_CLOSE(bvec[2], 5.0 - 0.5, 1e-12);
    /* Applying it to points: T(m1) = m2. */
    double pts[6] = {1, 2, 3, 0, 0, 0}, out[6];
    CHECK_STATUS(otc_gaussian_map_apply(rm(A, 3, 3), bvec, rm(pts, 2, 3), &opts, rmo(out, 2, 3)), OTC_OK);
    CHECK_CLOSE(out[0], m2[0], 1e-12);
    CHECK_CLOSE(out[1], m2[1], 1e-12);
    CHECK_CLOSE(out[2], m2[2], 1e-12);
    CHECK_CLOSE(out[3], bvec[0], 1e-15);
    /* Aliasing: y over x. */
    CHECK_STATUS(otc_gaussian_map_apply(rm(A, 3, 3), bvec, rm(pts, 2, 3), &opts, rmo(pts, 2, 3)), OTC_ERR_ALIASING);

    /* Geodesic midpoint of commuting covariances: ((sqrt a + sqrt b)/2)^2. */
    double mt[3], ct[9];
    CHECK_STATUS(otc_gaussian_geodesic(m1, rm(s1, 3, 3), m2, rm(s2, 3, 3), 0.5, &opts, NULL, 0, mt, rmo(ct, 3, 3)), OTC_OK);
    CHECK_CLOSE(ct[0], 2.25, 1e-12);
    CHECK_CLOSE(ct[4], 2.25, 1e-12);
    CHECK_CLOSE(ct[8], 1.75 * 1.75, 1e-12);
    CHECK_CLOSE(mt[2], 4.0, 1e-15);
    CHECK_STATUS(otc_gaussian_geodesic(m1, rm(s1, 3, 3), m2, rm(s2, 3, 3), 2.0, &opts, NULL, 0, mt, rmo(ct, 3, 3)),
                 OTC_ERR_INVALID_ARGUMENT);

    /* Barycenter of commuting covariances: (sum w sqrt)^2; means weighted. */
    double means[6] = {1, 2, 3, 0, 2, 5};
    otc_matrix_f64 cv[2];
    cv[0] = rm(s1, 3, 3);
    cv[1] = cm(s2, 3, 3);
    double w[2] = {1.0, 3.0}, bm[3], bc[9];
    uint32_t iters = 0;
    CHECK_STATUS(otc_gaussian_barycenter(rm(means, 2, 3), cv, w, &opts, NULL, 0, bm, rmo(bc, 3, 3), &iters), OTC_OK);
    CHECK_CLOSE(bc[0], (0.25 * 1 + 0.75 * 2) * (0.25 * 1 + 0.75 * 2), 1e-12);
    CHECK_CLOSE(bc[8], (0.25 * 3 + 0.75 * 0.5) * (0.25 * 3 + 0.75 * 0.5), 1e-12);
    CHECK_CLOSE(bm[2], 0.25 * 3 + 0.75 * 5, 1e-15);
    CHECK(iters >= 1 && iters <= 3);
    /* Non-commuting inputs with max_iter = 1: a warning, valid output. */
    double s3[9] = {2, 1, 0, 1, 2, 0.5, 0, 0.5, 1};
    cv[1] = rm(s3, 3, 3);
    otc_gaussian_options capped = opts;
    capped.max_iter = 1;
    CHECK_STATUS(otc_gaussian_barycenter(rm(means, 2, 3), cv, NULL, &capped, NULL, 0, NULL, rmo(bc, 3, 3), &iters),
                 OTC_WARN_MAX_ITER);
    CHECK(iters == 1);

    /* Pairwise: batch {s1, s3} x {s2, s1, s3}, against single W2 values; 1 and 2 threads agree. */
    otc_matrix_f64 c1[2], c2[3];
    c1[0] = rm(s1, 3, 3); c1[1] = cm(s3, 3, 3);
    c2[0] = rm(s2, 3, 3); c2[1] = rm(s1, 3, 3); c2[2] = rm(s3, 3, 3);
    double mb1[6] = {0, 0, 0, 1, 1, 1}, mb2[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1}, pw[6], pw2[6];
    otc_gaussian_options one = opts, two = opts;
    one.num_threads = 1;
    two.num_threads = 2;
    CHECK_STATUS(otc_gaussian_workspace_size(OTC_GAUSSIAN_OP_PAIRWISE, 3, 2, 3, &one, &bytes), OTC_OK);
    work = malloc(bytes);
    CHECK_STATUS(otc_gaussian_w2_pairwise(rm(mb1, 2, 3), c1, rm(mb2, 3, 3), c2, &one, work, bytes, rmo(pw, 2, 3)), OTC_OK);
    free(work);
    CHECK_STATUS(otc_gaussian_w2_pairwise(rm(mb1, 2, 3), c1, rm(mb2, 3, 3), c2, &two, NULL, 0, rmo(pw2, 2, 3)), OTC_OK);
    CHECK(memcmp(pw, pw2, sizeof pw) == 0);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            double single;
            CHECK_STATUS(otc_gaussian_w2(3, mb1 + 3 * i, c1[i], mb2 + 3 * j, c2[j], &one, NULL, 0, &single), OTC_OK);
            CHECK_CLOSE(pw[3 * i + j], single, 1e-12 * (1 + single));
        }
    CHECK_CLOSE(pw[1], 1.0, 1e-12); /* same covariance, means (0,0,0) vs (0,1,0) */

    /* Moments: two points (0,0) and (2,4) with weights 1, 3. */
    double xs[4] = {0, 0, 2, 4}, xw[2] = {1, 3}, mm[2], mc[4];
    CHECK_STATUS(otc_gaussian_moments(rm(xs, 2, 2), xw, &opts, NULL, 0, mm, rmo(mc, 2, 2)), OTC_OK);
    CHECK_CLOSE(mm[0], 1.5, 1e-15);
    CHECK_CLOSE(mm[1], 3.0, 1e-15);
    CHECK_CLOSE(mc[0], 0.75, 1e-14); /* 0.25*1.5^2 + 0.75*0.5^2 */
    CHECK_CLOSE(mc[1], 1.5, 1e-14);
    CHECK_CLOSE(mc[3], 3.0, 1e-14);

    /* PSD square root of a singular matrix: sqrt^2 = a, warning for the pseudo-inverse. */
    double sing[4] = {1, 1, 1, 1}, sq[4], isq[4];
    CHECK_STATUS(otc_psd_sqrt(rm(sing, 2, 2), &opts, NULL, 0, rmo(sq, 2, 2), rmo(isq, 2, 2)), OTC_WARN_SINGULAR);
    CHECK_CLOSE(sq[0], 1.0 / sqrt(2.0), 1e-14);
    CHECK_CLOSE(sq[1], 1.0 / sqrt(2.0), 1e-14);
    CHECK_CLOSE(isq[0], 0.5 / sqrt(2.0), 1e-14);
    otc_matrix_mut_f64 none = rmo(NULL, 2, 2);
    CHECK_STATUS(otc_psd_sqrt(rm(s1, 2, 2), &opts, NULL, 0, rmo(sq, 2, 2), none), OTC_OK);

    /* Singular source: the pseudo-inverse map, with a warning. */
    double ssing[9];
    diag3(ssing, 1.0, 0.0, 4.0);
    CHECK_STATUS(otc_gaussian_map(NULL, rm(ssing, 3, 3), NULL, rm(s2, 3, 3), &opts, NULL, 0, rmo(A, 3, 3), NULL),
                 OTC_WARN_SINGULAR);
    CHECK_CLOSE(A[0], 2.0, 1e-13);
    CHECK_CLOSE(A[4], 0.0, 1e-13);
    CHECK_CLOSE(A[8], 0.25, 1e-13);
    CHECK(strstr(otc_last_error_message(), "rank 2") != NULL);

    /* Errors: non-symmetric, indefinite, NaN, NULL, ABI mismatch; outputs untouched. */
    double ns[4] = {1, 0.5, 0, 1}, ind[4] = {1, 0, 0, -1}, nan_m[4] = {1, 0, 0, 1};
    nan_m[3] = nan("");
    b2 = -7.0;
    CHECK_STATUS(otc_bures_distance(rm(ns, 2, 2), rm(ns, 2, 2), &opts, NULL, 0, &b2), OTC_ERR_NOT_PSD);
    CHECK(strstr(otc_last_error_message(), "not symmetric") != NULL);
    CHECK_STATUS(otc_bures_distance(rm(ind, 2, 2), rm(ind, 2, 2), &opts, NULL, 0, &b2), OTC_ERR_NOT_PSD);
    CHECK_STATUS(otc_bures_distance(rm(nan_m, 2, 2), rm(ind, 2, 2), &opts, NULL, 0, &b2), OTC_ERR_NON_FINITE);
    CHECK_STATUS(otc_bures_distance(rm(s1, 3, 3), rm(s2, 3, 3), &opts, NULL, 0, NULL), OTC_ERR_NULL_POINTER);
    CHECK_STATUS(otc_bures_distance(rm(s1, 3, 3), rm(s2, 2, 2), &opts, NULL, 0, &b2), OTC_ERR_INVALID_DIMENSION);
    CHECK(b2 == -7.0);
    otc_gaussian_options bad = opts;
    bad.struct_size = 8;
    CHECK_STATUS(otc_bures_distance(rm(s1, 3, 3), rm(s2, 3, 3), &bad, NULL, 0, &b2), OTC_ERR_ABI_MISMATCH);
    bad = opts;
    bad.psd_tol = -1.0;
    CHECK_STATUS(otc_bures_distance(rm(s1, 3, 3), rm(s2, 3, 3), &bad, NULL, 0, &b2), OTC_ERR_INVALID_ARGUMENT);
    CHECK(b2 == -7.0);
    return report();
}
