/* otcore with MPI: one entropic OT problem whose rows (source points) are split over the
 * ranks. Each rank holds a contiguous block of the source points and their weights, all the
 * target points, and the whole of g; per iteration it calls otc_sinkhorn_block_step_f64 on
 * its block (its problem gives the points; the step returns the row update of its f, its
 * column log-sum-exps as otc_lse_pair, and its part of the marginal error), the pairs of all
 * ranks are all-gathered and folded in rank order with otc_lse_pair_merge (so the result does
 * not depend on timing), and every rank computes the same g with
 * otc_sinkhorn_block_column_update_f64. Every CHECK_EVERY iterations the ranks' parts of the
 * marginal error travel with the pairs and are summed in rank order; the loop stops when the
 * sum is under the tolerance, keeping the f the error was measured on (the step's input), as
 * a whole Sinkhorn solve does. Rank 0 then checks f, g, the iteration count and the transport
 * cost against a plain alternating log-domain Sinkhorn on the whole problem (written below),
 * and that an MPI_Allreduce with otc_lse_pair_merge as the user operation gives the same g.
 *   mpicc -std=c99 sinkhorn_rows.c $(pkg-config --cflags --libs otcore) -lm -o sinkhorn_rows
 *   mpirun -np 4 ./sinkhorn_rows
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mpi.h>
#include "otcore.h"

enum { N = 157, M = 121, D = 2, CHECK_EVERY = 5, MAX_ITER = 5000 };
static const double EPS = 0.05, TOL = 1e-10;

/* Deterministic problem: clouds x (N x D), y (M x D) row-major, weights a, b summing to 1. */
static void make_problem(double *x, double *y, double *a, double *b) {
    size_t i;
    double sa = 0.0, sb = 0.0;
    for (i = 0; i < (size_t)N * D; i++) x[i] = sin(0.37 * (double)(i + 1));
    for (i = 0; i < (size_t)M * D; i++) y[i] = 0.8 * cos(0.23 * (double)(i + 1)) + 0.3;
    for (i = 0; i < N; i++) sa += (a[i] = 1.0 + 0.5 * sin((double)i));
    for (i = 0; i < M; i++) sb += (b[i] = 1.0 + 0.5 * cos((double)i));
    for (i = 0; i < N; i++) a[i] /= sa;
    for (i = 0; i < M; i++) b[i] /= sb;
}

static double sqdist(const double *p, const double *q) {
    double s = 0.0, t;
    int k;
    for (k = 0; k < D; k++) {
        t = p[k] - q[k];
        s += t * t;
    }
    return s;
}

/* log sum_k w_k exp(v_k), stably (w > 0). */
static double lse(const double *w, const double *v, int len) {
    double top = -INFINITY, s = 0.0;
    int k;
    for (k = 0; k < len; k++) top = fmax(top, v[k]);
    for (k = 0; k < len; k++) s += w[k] * exp(v[k] - top);
    return top + log(s);
}

/* The whole problem on one process, the reference: alternating log-domain Sinkhorn from
 * zeros; at a check (every CHECK_EVERY iterations) it stops when the L1 error of the row
 * marginal of (f, g) is at most TOL, keeping that f. Returns the iterations. */
static int whole_solve(const double *x, const double *y, const double *a, const double *b,
                       double *f, double *g) {
    static double v[N > M ? N : M], f_new[N];
    int it, i, j;
    for (i = 0; i < N; i++) f[i] = 0.0;
    for (j = 0; j < M; j++) g[j] = 0.0;
    for (it = 0;; it++) {
        double err = 0.0;
        for (i = 0; i < N; i++) {
            for (j = 0; j < M; j++) v[j] = (g[j] - sqdist(&x[i * D], &y[j * D])) / EPS;
            f_new[i] = -EPS * lse(b, v, M);
            err += fabs(a[i] * exp((f[i] - f_new[i]) / EPS) - a[i]); /* row sum - a_i */
        }
        if (it >= 1 && (it % CHECK_EVERY == 0 || it == MAX_ITER) && (err <= TOL || it == MAX_ITER))
            return it;
        memcpy(f, f_new, sizeof f_new);
        for (j = 0; j < M; j++) {
            for (i = 0; i < N; i++) v[i] = (f[i] - sqdist(&x[i * D], &y[j * D])) / EPS;
            g[j] = -EPS * lse(a, v, N);
        }
    }
}

static void fail(const char *what, otc_status st) {
    fprintf(stderr, "%s: %s: %s\n", what, otc_status_message(st), otc_last_error_message());
    MPI_Abort(MPI_COMM_WORLD, 1);
}

/* The MPI user operation: inout[i] = in[i] merged with inout[i] (merge is commutative). */
static void merge_op(void *in, void *inout, int *len, MPI_Datatype *type) {
    (void)type;
    if (otc_lse_pair_merge((otc_lse_pair *)inout, (const otc_lse_pair *)in, (size_t)*len) != OTC_OK)
        MPI_Abort(MPI_COMM_WORLD, 3);
}

/* g from merged pairs (every rank computes the same). */
static void column_update(const otc_lse_pair *pairs, const otc_sinkhorn_block_column_update_options *o,
                          double *g) {
    otc_sinkhorn_block_column_update_problem_f64 p = {sizeof p, pairs, M};
    otc_sinkhorn_block_column_update_outputs_f64 out = {sizeof out, {0, 0, 0, 0.0, 0.0}, g};
    otc_status st = otc_sinkhorn_block_column_update_f64(&p, &out, o, (otc_workspace){NULL, 0});
    if (st != OTC_OK) fail("otc_sinkhorn_block_column_update_f64", st);
}

int main(int argc, char **argv) {
    static double x[N * D], y[M * D], a[N], b[M], f_all[N], g[M], f_ref[N], g_ref[M];
    int rank, size, r, j, it, it_ref, bad = 0;
    int counts[64], displs[64];
    size_t lo, rows;
    double *f, *f_next, *send, *recv, cost_part, *cost_parts;
    otc_lse_pair *acc;
    otc_sinkhorn_block_step_options o;
    otc_sinkhorn_block_column_update_options oc;
    otc_sinkhorn_block_step_problem_f64 prob;
    otc_sinkhorn_block_step_outputs_f64 out;
    otc_status st;

    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (size > 64 || size > N) MPI_Abort(MPI_COMM_WORLD, 2);
    make_problem(x, y, a, b);

    /* Contiguous blocks of rows: rank r owns [r*N/size, (r+1)*N/size). */
    for (r = 0; r < size; r++) {
        counts[r] = (int)((size_t)(r + 1) * N / (size_t)size - (size_t)r * N / (size_t)size);
        displs[r] = (int)((size_t)r * N / (size_t)size);
    }
    lo = (size_t)displs[rank];
    rows = (size_t)counts[rank];

    otc_sinkhorn_block_step_options_default(&o);
    o.epsilon = EPS;
    o.num_threads = 1; /* one rank per core */
    otc_sinkhorn_block_column_update_options_default(&oc);
    oc.epsilon = EPS;

    /* Per rank: M pairs then the block's marginal error, all-gathered as 2M + 1 doubles. */
    f = calloc(rows, sizeof *f);
    f_next = malloc(rows * sizeof *f_next);
    send = malloc((2 * M + 1) * sizeof *send);
    recv = malloc((size_t)size * (2 * M + 1) * sizeof *recv);
    acc = malloc(M * sizeof *acc);
    cost_parts = malloc((size_t)size * sizeof *cost_parts);
    for (j = 0; j < M; j++) g[j] = 0.0;

    /* This rank's problem: its points against all targets, its weights, f on entry and g. */
    memset(&prob, 0, sizeof prob);
    prob.struct_size = sizeof prob;
    prob.x_block = (otc_matrix_f64){x + lo * D, rows, D, D, 1};
    prob.y = (otc_matrix_f64){y, M, D, D, 1};
    prob.a_block = a + lo;
    prob.b = b;
    prob.g = g;
    prob.f_block = f;
    memset(&out, 0, sizeof out);
    out.struct_size = sizeof out;
    out.f_block = f_next;
    out.pairs = (otc_lse_pair *)send;
    {
        size_t bytes = 0;
        otc_workspace work;
        st = otc_sinkhorn_block_step_workspace_size_f64(&prob, &o, &bytes);
        if (st != OTC_OK) fail("otc_sinkhorn_block_step_workspace_size_f64", st);
        work.data = malloc(bytes);
        work.bytes = bytes;
        for (it = 0;; it++) {
            int check = it >= 1 && (it % CHECK_EVERY == 0 || it == MAX_ITER);
            double err = 0.0;
            st = otc_sinkhorn_block_step_f64(&prob, &out, &o, work);
            if (st != OTC_OK) fail("otc_sinkhorn_block_step_f64", st);
            send[2 * M] = out.marginal_error; /* the error of f (on entry) and g */
            MPI_Allgather(send, 2 * M + 1, MPI_DOUBLE, recv, 2 * M + 1, MPI_DOUBLE,
                          MPI_COMM_WORLD);
            /* Fold in rank order: every rank gets the same bits. */
            memcpy(acc, recv, M * sizeof *acc);
            for (r = 1; r < size; r++) {
                st = otc_lse_pair_merge(acc, (const otc_lse_pair *)(recv + (size_t)r * (2 * M + 1)), M);
                if (st != OTC_OK) fail("otc_lse_pair_merge", st);
            }
            for (r = 0; r < size; r++) err += recv[(size_t)r * (2 * M + 1) + 2 * M];
            if (check && (err <= TOL || it == MAX_ITER)) break; /* f: what the check measured */
            memcpy(f, f_next, rows * sizeof *f);
            column_update(acc, &oc, g);
        }
        free(work.data);
    }

    /* This rank's part of the transport cost <P, C>, summed in rank order on rank 0. */
    {
        size_t i;
        cost_part = 0.0;
        for (i = 0; i < rows; i++)
            for (j = 0; j < M; j++) {
                double cij = sqdist(&x[(lo + i) * D], &y[(size_t)j * D]);
                cost_part += a[lo + i] * b[j] * exp((f[i] + g[j] - cij) / EPS) * cij;
            }
    }
    MPI_Gather(&cost_part, 1, MPI_DOUBLE, cost_parts, 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    MPI_Gatherv(f, (int)rows, MPI_DOUBLE, f_all, counts, displs, MPI_DOUBLE, 0, MPI_COMM_WORLD);

    /* The same g through an MPI reduction with otc_lse_pair_merge as the user operation. */
    {
        MPI_Datatype pair_type;
        MPI_Op op;
        otc_lse_pair *mine = malloc(M * sizeof *mine), *all = malloc(M * sizeof *all);
        double g_op[M], g_fold[M];
        MPI_Type_contiguous(2, MPI_DOUBLE, &pair_type);
        MPI_Type_commit(&pair_type);
        MPI_Op_create(merge_op, 1, &op);
        out.pairs = mine;
        st = otc_sinkhorn_block_step_f64(&prob, &out, &o, (otc_workspace){NULL, 0});
        if (st != OTC_OK) fail("otc_sinkhorn_block_step_f64", st);
        MPI_Allreduce(mine, all, M, pair_type, op, MPI_COMM_WORLD);
        MPI_Allgather(mine, 2 * M, MPI_DOUBLE, recv, 2 * M, MPI_DOUBLE, MPI_COMM_WORLD);
        memcpy(acc, recv, M * sizeof *acc);
        for (r = 1; r < size; r++) otc_lse_pair_merge(acc, (const otc_lse_pair *)(recv + (size_t)r * 2 * M), M);
        column_update(all, &oc, g_op);
        column_update(acc, &oc, g_fold);
        for (j = 0; j < M; j++)
            if (fabs(g_op[j] - g_fold[j]) > 1e-13) bad = 1;
        MPI_Op_free(&op);
        MPI_Type_free(&pair_type);
        free(mine);
        free(all);
    }

    if (rank == 0) {
        /* The whole problem on this process, by the plain loop above. */
        double df = 0.0, dg = 0.0, cost = 0.0, cost_ref = 0.0;
        size_t i;
        it_ref = whole_solve(x, y, a, b, f_ref, g_ref);
        for (r = 0; r < size; r++) cost += cost_parts[r];
        for (i = 0; i < N; i++)
            for (j = 0; j < M; j++) {
                double cij = sqdist(&x[i * D], &y[(size_t)j * D]);
                cost_ref += a[i] * b[j] * exp((f_ref[i] + g_ref[j] - cij) / EPS) * cij;
            }
        for (i = 0; i < N; i++) df = fmax(df, fabs(f_all[i] - f_ref[i]));
        for (j = 0; j < M; j++) dg = fmax(dg, fabs(g[j] - g_ref[j]));
        printf("iterations %d (whole solve %d), transport cost %.10f (whole solve %.10f)\n", it,
               it_ref, cost, cost_ref);
        printf("max |f - f_whole| %.1e, max |g - g_whole| %.1e\n", df, dg);
        if (it != it_ref || it >= MAX_ITER || df > 1e-11 || dg > 1e-11 ||
            fabs(cost - cost_ref) > 1e-11 * cost_ref)
            bad = 1;
    }
    MPI_Allreduce(MPI_IN_PLACE, &bad, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    if (rank == 0)
        printf("%d ranks: %s\n", size, bad ? "sinkhorn_rows example FAILED" : "sinkhorn_rows example ok");
    free(f);
    free(f_next);
    free(send);
    free(recv);
    free(acc);
    free(cost_parts);
    MPI_Finalize();
    return bad;
}
