/* otcore with MPI: one entropic OT problem whose rows (source points) are split over the
 * ranks. Each rank holds a contiguous block of the source points and their weights, all the
 * target points, and the whole of g; per iteration it calls otc_sinkhorn_block_step_points_f64
 * on its block (row update of its f, its column log-sum-exps as otc_lse_pair), the pairs of
 * all ranks are all-gathered and folded in rank order with otc_lse_pair_merge (so the result
 * does not depend on timing), and every rank computes the same g with
 * otc_sinkhorn_block_column_update. Every `check_every` iterations the ranks' parts of the
 * marginal error travel with the pairs and are summed in rank order; the loop stops when the
 * sum is under the tolerance, keeping the f of before that step, as otc_sinkhorn_f64 does.
 * Rank 0 then checks f, g and the transport cost against otc_sinkhorn_f64 on the whole problem,
 * and that an MPI_Allreduce with otc_lse_pair_merge as the user operation gives the same g.
 *   mpicc -std=c99 sinkhorn_rows.c $(pkg-config --cflags --libs otcore) -lm -o sinkhorn_rows
 *   mpirun -np 4 ./sinkhorn_rows
 * requires: otc_sinkhorn_block_step_points_f64, otc_lse_pair_merge */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mpi.h>
#include "otcore.h"

enum { N = 157, M = 121, D = 2 };

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

int main(int argc, char **argv) {
    static double x[N * D], y[M * D], a[N], b[M], f_all[N], g[M], f_ref[N], g_ref[M];
    int rank, size, r, j, it, bad = 0;
    int counts[64], displs[64];
    size_t lo, rows;
    double *f, *f_prev, *send, *recv, cost_part, *cost_parts;
    otc_lse_pair *acc;
    otc_sinkhorn_options o;
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

    otc_sinkhorn_options_default(&o);
    o.epsilon = 0.05;
    o.tolerance = 1e-10;
    o.check_every = 5;
    o.max_iter = 5000;
    o.num_threads = 1; /* one rank per core */

    /* Per rank: M pairs then the block's marginal error, all-gathered as 2M + 1 doubles. */
    f = calloc(rows, sizeof *f);
    f_prev = malloc(rows * sizeof *f_prev);
    send = malloc((2 * M + 1) * sizeof *send);
    recv = malloc((size_t)size * (2 * M + 1) * sizeof *recv);
    acc = malloc(M * sizeof *acc);
    cost_parts = malloc((size_t)size * sizeof *cost_parts);
    for (j = 0; j < M; j++) g[j] = 0.0;
    {
        otc_matrix_f64 xb = {x + lo * D, rows, D, D, 1};
        otc_matrix_f64 yv = {y, M, D, D, 1};
        size_t bytes = 0;
        void *work;
        st = otc_sinkhorn_block_workspace_size(rows, M, D, &o, &bytes);
        if (st != OTC_OK) fail("otc_sinkhorn_block_workspace_size", st);
        work = malloc(bytes);
        for (it = 0;; it++) {
            int check = it >= 1 && (it % (int)o.check_every == 0 || it == (int)o.max_iter);
            double err = 0.0;
            memcpy(f_prev, f, rows * sizeof *f);
            send[2 * M] = 0.0;
            st = otc_sinkhorn_block_step_points_f64(xb, yv, a + lo, b, g, &o, f,
                                                    (otc_lse_pair *)send,
                                                    check ? &send[2 * M] : NULL, work, bytes);
            if (st != OTC_OK) fail("otc_sinkhorn_block_step_points_f64", st);
            MPI_Allgather(send, 2 * M + 1, MPI_DOUBLE, recv, 2 * M + 1, MPI_DOUBLE,
                          MPI_COMM_WORLD);
            /* Fold in rank order: every rank gets the same bits. */
            memcpy(acc, recv, M * sizeof *acc);
            for (r = 1; r < size; r++) {
                st = otc_lse_pair_merge(acc, (const otc_lse_pair *)(recv + (size_t)r * (2 * M + 1)), M);
                if (st != OTC_OK) fail("otc_lse_pair_merge", st);
            }
            for (r = 0; r < size; r++) err += recv[(size_t)r * (2 * M + 1) + 2 * M];
            if (check && (err <= o.tolerance || it == (int)o.max_iter)) {
                memcpy(f, f_prev, rows * sizeof *f); /* the potentials the check was made on */
                break;
            }
            st = otc_sinkhorn_block_column_update(acc, M, &o, g);
            if (st != OTC_OK) fail("otc_sinkhorn_block_column_update", st);
        }
        free(work);
    }

    /* This rank's part of the transport cost <P, C>, summed in rank order on rank 0. */
    {
        size_t i;
        cost_part = 0.0;
        for (i = 0; i < rows; i++)
            for (j = 0; j < M; j++) {
                double cij = sqdist(&x[(lo + i) * D], &y[(size_t)j * D]);
                cost_part += a[lo + i] * b[j] * exp((f[i] + g[j] - cij) / o.epsilon) * cij;
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
        otc_matrix_f64 xb = {x + lo * D, rows, D, D, 1};
        otc_matrix_f64 yv = {y, M, D, D, 1};
        MPI_Type_contiguous(2, MPI_DOUBLE, &pair_type);
        MPI_Type_commit(&pair_type);
        MPI_Op_create(merge_op, 1, &op);
        memcpy(f_prev, f, rows * sizeof *f);
        st = otc_sinkhorn_block_step_points_f64(xb, yv, a + lo, b, g, &o, f_prev, mine, NULL, NULL, 0);
        if (st != OTC_OK) fail("otc_sinkhorn_block_step_points_f64", st);
        MPI_Allreduce(mine, all, M, pair_type, op, MPI_COMM_WORLD);
        MPI_Allgather(mine, 2 * M, MPI_DOUBLE, recv, 2 * M, MPI_DOUBLE, MPI_COMM_WORLD);
        memcpy(acc, recv, M * sizeof *acc);
        for (r = 1; r < size; r++) otc_lse_pair_merge(acc, (const otc_lse_pair *)(recv + (size_t)r * 2 * M), M);
        st = otc_sinkhorn_block_column_update(all, M, &o, g_op);
        if (st == OTC_OK) st = otc_sinkhorn_block_column_update(acc, M, &o, g_fold);
        if (st != OTC_OK) fail("otc_sinkhorn_block_column_update", st);
        for (j = 0; j < M; j++)
            if (fabs(g_op[j] - g_fold[j]) > 1e-13) bad = 1;
        MPI_Op_free(&op);
        MPI_Type_free(&pair_type);
        free(mine);
        free(all);
    }

    if (rank == 0) {
        /* The whole problem in one call, on the dense cost. */
        static double c[N * M];
        otc_sinkhorn_info info;
        double df = 0.0, dg = 0.0, cost = 0.0;
        size_t i;
        otc_matrix_f64 cv = {c, N, M, M, 1};
        for (i = 0; i < N; i++)
            for (j = 0; j < M; j++) c[i * M + (size_t)j] = sqdist(&x[i * D], &y[(size_t)j * D]);
        info.struct_size = sizeof info;
        st = otc_sinkhorn_f64(cv, a, b, &o, NULL, NULL, f_ref, g_ref, NULL, &info, NULL, 0);
        if (st != OTC_OK) fail("otc_sinkhorn_f64", st);
        for (r = 0; r < size; r++) cost += cost_parts[r];
        for (i = 0; i < N; i++) df = fmax(df, fabs(f_all[i] - f_ref[i]));
        for (j = 0; j < M; j++) dg = fmax(dg, fabs(g[j] - g_ref[j]));
        printf("iterations %d (whole solve %u), transport cost %.10f (whole solve %.10f)\n", it,
               info.iterations, cost, info.transport_cost);
        printf("max |f - f_whole| %.1e, max |g - g_whole| %.1e\n", df, dg);
        if (it != (int)info.iterations || df > 1e-11 || dg > 1e-11 ||
            fabs(cost - info.transport_cost) > 1e-11 * info.transport_cost)
            bad = 1;
    }
    MPI_Allreduce(MPI_IN_PLACE, &bad, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
    if (rank == 0)
        printf("%d ranks: %s\n", size, bad ? "sinkhorn_rows example FAILED" : "sinkhorn_rows example ok");
    free(f);
    free(f_prev);
    free(send);
    free(recv);
    free(acc);
    free(cost_parts);
    MPI_Finalize();
    return bad;
}
