/* otcore from C: exact optimal transport by the network simplex.
 *   cc -std=c99 exact_ot.c $(pkg-config --cflags --libs otcore) -o exact_ot
 * Solves a small uniform problem, checks the cost against a brute force over all
 * permutations (an optimal plan of a uniform square problem is a permutation), strong duality
 * and the sparse plan; then shows a failure's status and message. */
#include <stdio.h>
#include <string.h>
#include "otcore.h"

enum { N = 5 };

static double best;
static void permute(const double *c, int *p, int k, double sum) {
    int i, t;
    if (k == N) {
        if (sum < best) best = sum;
        return;
    }
    for (i = k; i < N; i++) {
        t = p[k]; p[k] = p[i]; p[i] = t;
        permute(c, p, k + 1, sum + c[k * N + p[k]] / N);
        t = p[k]; p[k] = p[i]; p[i] = t;
    }
}

int main(void) {
    double a[N], b[N], c[N * N], f[N], g[N], mass[2 * N - 1], dual = 0.0, sparse = 0.0;
    size_t rows[2 * N - 1], cols[2 * N - 1], k;
    int p[N], i, j, bad = 0;
    otc_emd_options opts;
    otc_emd_problem_f64 problem = {sizeof(otc_emd_problem_f64), NULL, N, NULL, N,
                                   {NULL, N, N, N, 1}, NULL, NULL};
    otc_emd_outputs_f64 out;
    otc_workspace alloc = {NULL, 0};
    otc_status st;

    for (i = 0; i < N; i++) {
        a[i] = b[i] = 1.0 / N;
        p[i] = i;
        for (j = 0; j < N; j++) c[i * N + j] = (double)((3 * i + 7 * j * j) % 11) / 10.0;
    }
    problem.a = a;
    problem.b = b;
    problem.cost.data = c;
    best = 1e300;
    permute(c, p, 0, 0.0);

    /* Outputs not wanted stay NULL: zero the struct, then point at the arrays wanted. */
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.f = f;
    out.g = g;
    out.plan_rows = rows;
    out.plan_cols = cols;
    out.plan_mass = mass;
    otc_emd_options_default(&opts);
    opts.num_threads = 1;
    st = otc_emd_f64(&problem, &out, &opts, alloc);
    if (st != OTC_OK) {
        printf("otc_emd_f64: %s\n", otc_last_error_message());
        return 1;
    }
    for (i = 0; i < N; i++) dual += a[i] * f[i] + b[i] * g[i];
    for (k = 0; k < out.nnz; k++) sparse += mass[k] * c[rows[k] * N + cols[k]];
    printf("exact cost %.12f (brute force %.12f), dual %.12f, %zu plan entries, %llu pivots\n",
           out.cost, best, dual, out.nnz, (unsigned long long)out.report.iterations);
    if (out.cost - best > 1e-12 || best - out.cost > 1e-12) bad++;
    if (dual - best > 1e-12 || best - dual > 1e-12) bad++;
    if (sparse - best > 1e-12 || best - sparse > 1e-12) bad++;

    /* A failure: b heavier than a. Outputs are untouched; the message explains. */
    b[0] += 1.0;
    st = otc_emd_f64(&problem, &out, NULL, alloc);
    printf("unbalanced: status %d (%s): %s\n", (int)st, otc_status_message(st),
           otc_last_error_message());
    if (st != OTC_ERR_MASS_MISMATCH) bad++;

    if (bad) return 1;
    printf("exact_ot example ok\n");
    return 0;
}
