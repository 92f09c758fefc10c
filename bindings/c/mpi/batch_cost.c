/* otcore with MPI: a batch of problems distributed over the ranks, each rank calling otcore
 * with num_threads = 1 (one rank per core), the results gathered on rank 0, which checks them
 * against solving the whole batch itself.
 *   mpicc -std=c99 batch_cost.c $(pkg-config --cflags --libs otcore) -lm -o batch_cost
 *   mpirun -np 4 ./batch_cost
 * The problem solved per batch item is `solve`: the exact OT cost (network simplex, otc_emd)
 * between two uniform point clouds under the squared Euclidean cost, and the number of
 * entries of the optimal plan; another otcore call changes only that function and
 * RESULTS_PER_PROBLEM.
 * One problem split over the ranks (a row-partitioned Sinkhorn) is sinkhorn_rows.c. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mpi.h>
#include "otcore.h"

enum { PROBLEMS = 7, RESULTS_PER_PROBLEM = 2, D = 3 };

/* Deterministic clouds of problem k: n x D and m x D, row-major. */
static void make_problem(int k, size_t *n, size_t *m, double **x, double **y) {
    size_t i;
    *n = 40 + 13 * (size_t)k;
    *m = 30 + 7 * (size_t)k;
    *x = malloc(*n * D * sizeof(double));
    *y = malloc(*m * D * sizeof(double));
    for (i = 0; i < *n * D; i++) (*x)[i] = sin(0.37 * (double)(i + 1) + (double)k);
    for (i = 0; i < *m * D; i++) (*y)[i] = cos(0.23 * (double)(i + 1) - (double)k) + 0.5;
}

/* Solves problem k on the calling thread only; writes RESULTS_PER_PROBLEM numbers: the exact
 * OT cost between the uniform clouds and the number of entries of the optimal plan. */
static int solve(int k, double *out) {
    size_t n, m, i;
    double *x, *y, *c, *a, *b;
    otc_cost_matrix_options copts;
    otc_emd_options eopts;
    otc_emd_result res;
    otc_status st;
    make_problem(k, &n, &m, &x, &y);
    c = malloc(n * m * sizeof(double));
    a = malloc(n * sizeof(double));
    b = malloc(m * sizeof(double));
    for (i = 0; i < n; i++) a[i] = 1.0 / (double)n;
    for (i = 0; i < m; i++) b[i] = 1.0 / (double)m;
    otc_cost_matrix_options_default(&copts);
    copts.num_threads = 1;
    otc_emd_options_default(&eopts);
    eopts.num_threads = 1;
    {
        otc_cost_matrix_problem_f64 cp = {sizeof(otc_cost_matrix_problem_f64), {x, n, D, D, 1},
                                          {y, m, D, D, 1}};
        otc_cost_matrix_outputs_f64 co;
        otc_workspace no_work = {NULL, 0};
        otc_matrix_f64 cost = {c, n, m, (intptr_t)m, 1};
        otc_matrix_mut_f64 no_plan = {NULL, 0, 0, 0, 0};
        memset(&co, 0, sizeof co);
        co.struct_size = sizeof co;
        co.cost = (otc_matrix_mut_f64){c, n, m, (intptr_t)m, 1};
        st = otc_cost_matrix_f64(&cp, &co, &copts, no_work);
        if (st == OTC_OK)
            st = otc_emd(a, n, b, m, cost, NULL, NULL, &res, NULL, NULL, NULL, NULL, NULL, no_plan, &eopts,
                         NULL, 0);
    }
    if (st != OTC_OK) {
        fprintf(stderr, "problem %d: %s: %s\n", k, otc_status_message(st), otc_last_error_message());
    } else {
        out[0] = res.cost;
        out[1] = (double)res.nnz;
    }
    free(x);
    free(y);
    free(c);
    free(a);
    free(b);
    return st == OTC_OK ? 0 : 1;
}

int main(int argc, char **argv) {
    int rank, size, k, r, failed = 0, any_failed = 0, bad = 0;
    int counts[64], displs[64];
    double local[PROBLEMS * RESULTS_PER_PROBLEM], all[PROBLEMS * RESULTS_PER_PROBLEM];
    double serial[RESULTS_PER_PROBLEM];
    int first, last;

    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (size > 64) MPI_Abort(MPI_COMM_WORLD, 2);

    /* Contiguous blocks of problems: rank r solves [r*P/size, (r+1)*P/size). */
    for (r = 0; r < size; r++) {
        int lo = r * PROBLEMS / size, hi = (r + 1) * PROBLEMS / size;
        counts[r] = (hi - lo) * RESULTS_PER_PROBLEM;
        displs[r] = lo * RESULTS_PER_PROBLEM;
    }
    first = rank * PROBLEMS / size;
    last = (rank + 1) * PROBLEMS / size;
    for (k = first; k < last; k++) failed |= solve(k, &local[(k - first) * RESULTS_PER_PROBLEM]);

    MPI_Gatherv(local, counts[rank], MPI_DOUBLE, all, counts, displs, MPI_DOUBLE, 0,
                MPI_COMM_WORLD);
    MPI_Allreduce(&failed, &any_failed, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);

    if (rank == 0 && !any_failed) {
        for (k = 0; k < PROBLEMS; k++) {
            printf("problem %d: exact cost %.17g plan entries %.0f\n", k, all[k * RESULTS_PER_PROBLEM],
                   all[k * RESULTS_PER_PROBLEM + 1]);
            /* The single-process answer: identical bits (results never depend on threads). */
            if (solve(k, serial) != 0 ||
                memcmp(serial, &all[k * RESULTS_PER_PROBLEM], sizeof serial) != 0) {
                printf("problem %d differs from the single-process answer\n", k);
                bad = 1;
            }
        }
        printf("%d ranks: %s\n", size, bad ? "batch_cost example FAILED" : "batch_cost example ok");
    }
    MPI_Finalize();
    return any_failed || bad;
}
