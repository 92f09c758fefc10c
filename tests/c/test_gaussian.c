/* Gaussian optimal transport through the C ABI (ABI 1 shape: problem, outputs, options,
 * workspace): closed forms (diagonal, 1-D), the map and its application, geodesic, barycenter,
 * pairwise distances, moments, PSD square roots, row- and column-major views, caller
 * workspaces, warnings and errors (outputs untouched). */
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
static const otc_workspace NOWORK = {NULL, 0};

/* W2^2 between N(m1, s1) and N(m2, s2) with options o (NULL: defaults). */
static otc_status w2(const double *m1, otc_matrix_f64 s1, const double *m2, otc_matrix_f64 s2,
                     const otc_gaussian_w2_options *o, otc_workspace work, double *out) {
    otc_gaussian_w2_problem_f64 p;
    otc_gaussian_w2_outputs_f64 r;
    otc_status st;
    memset(&p, 0, sizeof p);
    memset(&r, 0, sizeof r);
    p.struct_size = sizeof p; p.m1 = m1; p.sigma1 = s1; p.m2 = m2; p.sigma2 = s2;
    r.struct_size = sizeof r;
    st = otc_gaussian_w2_f64(&p, &r, o, work);
    if (st < 100) *out = r.w2_squared;
    return st;
}

/* Stops the barycenter at its first report. */
static int32_t stop_at_once(void *data, uint64_t iteration, double error) {
    (void)iteration; (void)error;
    ++*(int *)data;
    return 1;
}

int main(void) {
    otc_bures_options bo;
    CHECK_STATUS(otc_bures_options_default(&bo), OTC_OK);
    CHECK(bo.struct_size == sizeof(otc_bures_options));
    CHECK(bo.num_threads == 0 && bo.symmetry_tol == 1e-10 && bo.psd_tol == 1e-9);

    /* Diagonal (commuting) case: B^2 = sum (sqrt a - sqrt b)^2. */
    double s1[9], s2[9];
    diag3(s1, 1.0, 4.0, 9.0);
    diag3(s2, 4.0, 1.0, 0.25);
    double exact = 1.0 + 1.0 + 2.5 * 2.5;
    otc_bures_problem_f64 bp;
    memset(&bp, 0, sizeof bp);
    bp.struct_size = sizeof bp;
    otc_bures_outputs_f64 bout;
    memset(&bout, 0, sizeof bout);
    bout.struct_size = sizeof bout;
    bp.sigma1 = rm(s1, 3, 3);
    bp.sigma2 = cm(s2, 3, 3);
    CHECK_STATUS(otc_bures_f64(&bp, &bout, &bo, NOWORK), OTC_OK);
    CHECK_CLOSE(bout.bures_squared, exact, 1e-12);
    CHECK(bout.report.status == OTC_OK && bout.report.iterations == 0 && bout.report.seconds >= 0);

    /* W2 with means, on a caller workspace; a too-small one leaves the output untouched. */
    double m1[3] = {1, 2, 3}, m2[3] = {0, 2, 5}, d2 = -1.0;
    otc_gaussian_w2_problem_f64 wp;
    memset(&wp, 0, sizeof wp);
    wp.struct_size = sizeof wp;
    size_t bytes = 0;
    wp.m1 = m1; wp.sigma1 = rm(s1, 3, 3); wp.m2 = m2; wp.sigma2 = rm(s2, 3, 3);
    CHECK_STATUS(otc_gaussian_w2_workspace_size_f64(&wp, NULL, &bytes), OTC_OK);
    CHECK(bytes > 0);
    otc_workspace work = {malloc(bytes), bytes};
    CHECK_STATUS(w2(m1, rm(s1, 3, 3), m2, rm(s2, 3, 3), NULL, work, &d2), OTC_OK);
    CHECK_CLOSE(d2, exact + 1.0 + 4.0, 1e-12);
    d2 = -1.0;
    work.bytes = bytes / 2;
    CHECK_STATUS(w2(m1, rm(s1, 3, 3), m2, rm(s2, 3, 3), NULL, work, &d2), OTC_ERR_WORKSPACE_TOO_SMALL);
    CHECK(d2 == -1.0);
    free(work.data);

    /* 1-D: W2^2 = (m1-m2)^2 + (s1-s2)^2. */
    double v1 = 4.0, v2 = 0.25, a1 = 0.5, a2 = -1.0;
    CHECK_STATUS(w2(&a1, rm(&v1, 1, 1), &a2, rm(&v2, 1, 1), NULL, NOWORK, &d2), OTC_OK);
    CHECK_CLOSE(d2, 2.25 + 2.25, 1e-14);

    /* Entropic OT in 1-D (eps = 2 s^2): (m1-m2)^2 + a + b - D + s^2 (1 - log 2s^2) + s^2 log(D + s^2),
     * D = sqrt(4ab + s^4); tends to W2^2 as eps -> 0. */
    double sg = 0.25, Dd = sqrt(4.0 * v1 * v2 + sg * sg);
    otc_gaussian_entropic_w2_problem_f64 ep;
    otc_gaussian_entropic_w2_outputs_f64 eo;
    memset(&ep, 0, sizeof ep);
    memset(&eo, 0, sizeof eo);
    ep.struct_size = sizeof ep; eo.struct_size = sizeof eo;
    ep.m1 = &a1; ep.sigma1 = rm(&v1, 1, 1); ep.m2 = &a2; ep.sigma2 = rm(&v2, 1, 1);
    ep.epsilon = 2.0 * sg;
    CHECK_STATUS(otc_gaussian_entropic_w2_f64(&ep, &eo, NULL, NOWORK), OTC_OK);
    CHECK_CLOSE(eo.cost, 2.25 + v1 + v2 - Dd + sg * (1.0 - log(2.0 * sg)) + sg * log(Dd + sg), 1e-12);
    ep.epsilon = 1e-10;
    CHECK_STATUS(otc_gaussian_entropic_w2_f64(&ep, &eo, NULL, NOWORK), OTC_OK);
    CHECK_CLOSE(eo.cost, 4.5, 1e-6);
    ep.epsilon = -1.0;
    eo.cost = -7.0;
    CHECK_STATUS(otc_gaussian_entropic_w2_f64(&ep, &eo, NULL, NOWORK), OTC_ERR_INVALID_ARGUMENT);
    CHECK(eo.cost == -7.0);

    /* The map between diagonal Gaussians: A = diag(sqrt(b/a)), b = m2 - A m1. */
    double A[9], bvec[3];
    otc_gaussian_map_problem_f64 mp;
    memset(&mp, 0, sizeof mp);
    mp.struct_size = sizeof mp;
    otc_gaussian_map_outputs_f64 mo;
    memset(&mo, 0, sizeof mo);
    mo.struct_size = sizeof mo;
    mp.m1 = m1; mp.sigma1 = rm(s1, 3, 3); mp.m2 = m2; mp.sigma2 = rm(s2, 3, 3);
    mo.a = rmo(A, 3, 3);
    mo.b = bvec;
    CHECK_STATUS(otc_gaussian_map_f64(&mp, &mo, NULL, NOWORK), OTC_OK);
    CHECK(mo.rank == 3);
    CHECK_CLOSE(A[0], 2.0, 1e-13);
    CHECK_CLOSE(A[4], 0.5, 1e-13);
    CHECK_CLOSE(A[8], 0.5 / 3.0, 1e-13);
    CHECK_CLOSE(A[1], 0.0, 1e-13);
    CHECK_CLOSE(bvec[0], 0.0 - 2.0 * 1.0, 1e-12);
    CHECK_CLOSE(bvec[2], 5.0 - 0.5, 1e-12);
    /* Applying it to points: T(m1) = m2. */
    double pts[6] = {1, 2, 3, 0, 0, 0}, out[6];
    otc_gaussian_map_apply_problem_f64 ap;
    memset(&ap, 0, sizeof ap);
    ap.struct_size = sizeof ap;
    otc_gaussian_map_apply_outputs_f64 ao;
    memset(&ao, 0, sizeof ao);
    ao.struct_size = sizeof ao;
    ap.a = rm(A, 3, 3); ap.b = bvec; ap.x = rm(pts, 2, 3);
    ao.y = rmo(out, 2, 3);
    CHECK_STATUS(otc_gaussian_map_apply_f64(&ap, &ao, NULL, NOWORK), OTC_OK);
    CHECK_CLOSE(out[0], m2[0], 1e-12);
    CHECK_CLOSE(out[1], m2[1], 1e-12);
    CHECK_CLOSE(out[2], m2[2], 1e-12);
    CHECK_CLOSE(out[3], bvec[0], 1e-15);
    /* Aliasing: y over x. */
    ao.y = rmo(pts, 2, 3);
    CHECK_STATUS(otc_gaussian_map_apply_f64(&ap, &ao, NULL, NOWORK), OTC_ERR_ALIASING);
    CHECK(strstr(otc_last_error_message(), "out->y overlaps problem->x") != NULL);

    /* Geodesic midpoint of commuting covariances: ((sqrt a + sqrt b)/2)^2. */
    double mt[3], ct[9];
    otc_gaussian_geodesic_problem_f64 gp;
    otc_gaussian_geodesic_outputs_f64 go;
    memset(&gp, 0, sizeof gp);
    memset(&go, 0, sizeof go);
    gp.struct_size = sizeof gp; go.struct_size = sizeof go;
    gp.m1 = m1; gp.sigma1 = rm(s1, 3, 3); gp.m2 = m2; gp.sigma2 = rm(s2, 3, 3); gp.t = 0.5;
    go.mean = mt;
    go.cov = rmo(ct, 3, 3);
    CHECK_STATUS(otc_gaussian_geodesic_f64(&gp, &go, NULL, NOWORK), OTC_OK);
    CHECK_CLOSE(ct[0], 2.25, 1e-12);
    CHECK_CLOSE(ct[4], 2.25, 1e-12);
    CHECK_CLOSE(ct[8], 1.75 * 1.75, 1e-12);
    CHECK_CLOSE(mt[2], 4.0, 1e-15);
    gp.t = 2.0;
    CHECK_STATUS(otc_gaussian_geodesic_f64(&gp, &go, NULL, NOWORK), OTC_ERR_INVALID_ARGUMENT);

    /* Barycenter of commuting covariances: (sum w sqrt)^2; means weighted. */
    double means[6] = {1, 2, 3, 0, 2, 5};
    otc_matrix_f64 cv[2];
    cv[0] = rm(s1, 3, 3);
    cv[1] = cm(s2, 3, 3);
    double w[2] = {1.0, 3.0}, bm[3], bc[9];
    otc_gaussian_barycenter_problem_f64 yp;
    memset(&yp, 0, sizeof yp);
    yp.struct_size = sizeof yp;
    otc_gaussian_barycenter_outputs_f64 yo;
    otc_gaussian_barycenter_options yopt;
    CHECK_STATUS(otc_gaussian_barycenter_options_default(&yopt), OTC_OK);
    CHECK(yopt.max_iter == 1000 && yopt.tol == 1e-13 && yopt.callback == NULL);
    memset(&yo, 0, sizeof yo);
    yo.struct_size = sizeof yo;
    yp.means = rm(means, 2, 3); yp.covs = cv; yp.weights = w;
    yo.mean = bm;
    yo.cov = rmo(bc, 3, 3);
    CHECK_STATUS(otc_gaussian_barycenter_f64(&yp, &yo, &yopt, NOWORK), OTC_OK);
    CHECK_CLOSE(bc[0], (0.25 * 1 + 0.75 * 2) * (0.25 * 1 + 0.75 * 2), 1e-12);
    CHECK_CLOSE(bc[8], (0.25 * 3 + 0.75 * 0.5) * (0.25 * 3 + 0.75 * 0.5), 1e-12);
    CHECK_CLOSE(bm[2], 0.25 * 3 + 0.75 * 5, 1e-15);
    CHECK(yo.report.iterations >= 1 && yo.report.iterations <= 3);
    CHECK(yo.report.error <= 1e-13 && yo.rank == 3);
    /* Non-commuting inputs with max_iter = 1: a warning, valid output. */
    double s3[9] = {2, 1, 0, 1, 2, 0.5, 0, 0.5, 1};
    cv[1] = rm(s3, 3, 3);
    yopt.max_iter = 1;
    yp.weights = NULL;
    yo.mean = NULL;
    CHECK_STATUS(otc_gaussian_barycenter_f64(&yp, &yo, &yopt, NOWORK), OTC_WARN_MAX_ITER);
    CHECK(yo.report.iterations == 1 && yo.report.status == OTC_WARN_MAX_ITER);
    /* A callback that stops at its first call: cancelled, valid output. */
    int calls = 0;
    yopt.max_iter = 1000;
    yopt.callback_every = 1;
    yopt.callback = stop_at_once;
    yopt.callback_data = &calls;
    CHECK_STATUS(otc_gaussian_barycenter_f64(&yp, &yo, &yopt, NOWORK), OTC_WARN_CANCELLED);
    CHECK(calls == 1 && yo.report.iterations == 1 && bc[0] > 0);

    /* Pairwise: batch {s1, s3} x {s2, s1, s3}, against single W2 values; 1 and 2 threads agree. */
    otc_matrix_f64 c1[2], c2[3];
    c1[0] = rm(s1, 3, 3); c1[1] = cm(s3, 3, 3);
    c2[0] = rm(s2, 3, 3); c2[1] = rm(s1, 3, 3); c2[2] = rm(s3, 3, 3);
    double mb1[6] = {0, 0, 0, 1, 1, 1}, mb2[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1}, pw[6], pw2[6];
    otc_gaussian_w2_pairwise_problem_f64 pp;
    memset(&pp, 0, sizeof pp);
    pp.struct_size = sizeof pp;
    otc_gaussian_w2_pairwise_outputs_f64 po;
    otc_gaussian_w2_pairwise_options one, two;
    CHECK_STATUS(otc_gaussian_w2_pairwise_options_default(&one), OTC_OK);
    two = one;
    one.num_threads = 1;
    two.num_threads = 2;
    memset(&po, 0, sizeof po);
    po.struct_size = sizeof po;
    pp.means1 = rm(mb1, 2, 3); pp.covs1 = c1; pp.means2 = rm(mb2, 3, 3); pp.covs2 = c2;
    CHECK_STATUS(otc_gaussian_w2_pairwise_workspace_size_f64(&pp, &one, &bytes), OTC_OK);
    work.data = malloc(bytes);
    work.bytes = bytes;
    po.w2_squared = rmo(pw, 2, 3);
    CHECK_STATUS(otc_gaussian_w2_pairwise_f64(&pp, &po, &one, work), OTC_OK);
    free(work.data);
    po.w2_squared = rmo(pw2, 2, 3);
    CHECK_STATUS(otc_gaussian_w2_pairwise_f64(&pp, &po, &two, NOWORK), OTC_OK);
    CHECK(memcmp(pw, pw2, sizeof pw) == 0);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            double single;
            CHECK_STATUS(w2(mb1 + 3 * i, c1[i], mb2 + 3 * j, c2[j], NULL, NOWORK, &single), OTC_OK);
            CHECK_CLOSE(pw[3 * i + j], single, 1e-12 * (1 + single));
        }
    CHECK_CLOSE(pw[1], 1.0, 1e-12); /* same covariance, means (0,0,0) vs (0,1,0) */

    /* Moments: two points (0,0) and (2,4) with weights 1, 3. */
    double xs[4] = {0, 0, 2, 4}, xw[2] = {1, 3}, mm[2], mc[4];
    otc_gaussian_moments_problem_f64 op;
    memset(&op, 0, sizeof op);
    op.struct_size = sizeof op;
    otc_gaussian_moments_outputs_f64 oo;
    memset(&oo, 0, sizeof oo);
    oo.struct_size = sizeof oo;
    op.x = rm(xs, 2, 2); op.weights = xw;
    oo.mean = mm;
    oo.cov = rmo(mc, 2, 2);
    CHECK_STATUS(otc_gaussian_moments_f64(&op, &oo, NULL, NOWORK), OTC_OK);
    CHECK_CLOSE(mm[0], 1.5, 1e-15);
    CHECK_CLOSE(mm[1], 3.0, 1e-15);
    CHECK_CLOSE(mc[0], 0.75, 1e-14); /* 0.25*1.5^2 + 0.75*0.5^2 */
    CHECK_CLOSE(mc[1], 1.5, 1e-14);
    CHECK_CLOSE(mc[3], 3.0, 1e-14);

    /* PSD square root of a singular matrix: sqrt^2 = a, warning for the pseudo-inverse. */
    double sing[4] = {1, 1, 1, 1}, sq[4], isq[4];
    otc_psd_sqrt_problem_f64 sp;
    memset(&sp, 0, sizeof sp);
    sp.struct_size = sizeof sp;
    otc_psd_sqrt_outputs_f64 so;
    memset(&so, 0, sizeof so);
    so.struct_size = sizeof so;
    sp.a = rm(sing, 2, 2);
    so.sqrt = rmo(sq, 2, 2);
    so.inv_sqrt = rmo(isq, 2, 2);
    CHECK_STATUS(otc_psd_sqrt_f64(&sp, &so, NULL, NOWORK), OTC_WARN_SINGULAR);
    CHECK(so.rank == 1);
    CHECK_CLOSE(sq[0], 1.0 / sqrt(2.0), 1e-14);
    CHECK_CLOSE(sq[1], 1.0 / sqrt(2.0), 1e-14);
    CHECK_CLOSE(isq[0], 0.5 / sqrt(2.0), 1e-14);
    so.inv_sqrt = rmo(NULL, 2, 2);
    sp.a = rm(s1, 2, 2);
    CHECK_STATUS(otc_psd_sqrt_f64(&sp, &so, NULL, NOWORK), OTC_OK);
    so.sqrt = rmo(NULL, 2, 2);
    CHECK_STATUS(otc_psd_sqrt_f64(&sp, &so, NULL, NOWORK), OTC_ERR_NULL_POINTER);

    /* Singular source: the pseudo-inverse map, with a warning. */
    double ssing[9];
    diag3(ssing, 1.0, 0.0, 4.0);
    mp.m1 = NULL; mp.sigma1 = rm(ssing, 3, 3); mp.m2 = NULL;
    mo.b = NULL;
    CHECK_STATUS(otc_gaussian_map_f64(&mp, &mo, NULL, NOWORK), OTC_WARN_SINGULAR);
    CHECK(mo.rank == 2 && mo.report.status == OTC_WARN_SINGULAR);
    CHECK_CLOSE(A[0], 2.0, 1e-13);
    CHECK_CLOSE(A[4], 0.0, 1e-13);
    CHECK_CLOSE(A[8], 0.25, 1e-13);
    CHECK(strstr(otc_last_error_message(), "rank 2") != NULL);

    /* Errors: non-symmetric, indefinite, NaN, NULL, ABI mismatch; outputs untouched. */
    double ns[4] = {1, 0.5, 0, 1}, ind[4] = {1, 0, 0, -1}, nan_m[4] = {1, 0, 0, 1};
    nan_m[3] = nan("");
    bout.bures_squared = -7.0;
    bp.sigma1 = rm(ns, 2, 2); bp.sigma2 = rm(ns, 2, 2);
    CHECK_STATUS(otc_bures_f64(&bp, &bout, NULL, NOWORK), OTC_ERR_NOT_PSD);
    CHECK(strstr(otc_last_error_message(), "not symmetric") != NULL);
    bp.sigma1 = rm(ind, 2, 2); bp.sigma2 = rm(ind, 2, 2);
    CHECK_STATUS(otc_bures_f64(&bp, &bout, NULL, NOWORK), OTC_ERR_NOT_PSD);
    bp.sigma1 = rm(nan_m, 2, 2);
    CHECK_STATUS(otc_bures_f64(&bp, &bout, NULL, NOWORK), OTC_ERR_NON_FINITE);
    bp.sigma1 = rm(s1, 3, 3); bp.sigma2 = rm(s2, 3, 3);
    CHECK_STATUS(otc_bures_f64(&bp, NULL, NULL, NOWORK), OTC_ERR_NULL_POINTER);
    bp.sigma2 = rm(s2, 2, 2);
    CHECK_STATUS(otc_bures_f64(&bp, &bout, NULL, NOWORK), OTC_ERR_INVALID_DIMENSION);
    CHECK(bout.bures_squared == -7.0);
    bp.sigma2 = rm(s2, 3, 3);
    otc_bures_options bad = bo;
    bad.struct_size = 8;
    CHECK_STATUS(otc_bures_f64(&bp, &bout, &bad, NOWORK), OTC_ERR_ABI_MISMATCH);
    bad = bo;
    bad.psd_tol = -1.0;
    CHECK_STATUS(otc_bures_f64(&bp, &bout, &bad, NOWORK), OTC_ERR_INVALID_ARGUMENT);
    CHECK(strstr(otc_last_error_message(), "psd_tol") != NULL);
    CHECK(bout.bures_squared == -7.0);
    return report();
}
