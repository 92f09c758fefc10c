/* .Call entry points of the otcore R package (registered in init.c). */
#ifndef OTCORE_R_H
#define OTCORE_R_H
#include <Rinternals.h>
#include "otcore.h"

/* Raises an R error for an error status (>= 100) with otcore's message; returns otherwise. */
void check_status(otc_status status, const char *fn);
/* A double matrix (or vector, as one column) as a read-only column-major view; an R error
 * naming `what` when it is not a double. */
otc_matrix_f64 rview(SEXP a, const char *what);
/* A double matrix allocated by the glue as a writable column-major view. */
otc_matrix_mut_f64 wview(SEXP a);
/* An absent output view (data NULL): an optional output not asked for. */
otc_matrix_mut_f64 no_output(void);
/* A double vector of length n (NULL for R's NULL when `optional`); an R error naming `what`
 * otherwise. */
const double *dvec(SEXP v, R_xlen_t n, const char *what, int optional);
/* The k double matrices of the R list `list` as views (R_alloc'd: freed when .Call returns);
 * an R error naming `what` unless it is a list of k double matrices. */
otc_matrix_f64 *matrix_views(SEXP list, R_xlen_t k, const char *what);
/* A new R list of `n` elements (NULL) named `names`. */
SEXP named_list(int n, const char **names);
/* Declares the ABI struct `T v` zeroed, with its struct_size set. */
#define OTCR_STRUCT(T, v)    \
    T v;                     \
    memset(&v, 0, sizeof v); \
    v.struct_size = sizeof v
/* No caller workspace: otcore allocates what it needs. */
#define OTCR_NO_WORK ((otc_workspace){NULL, 0})

/* The options of operation `op` (otc_<op>_options, f64 entry point otc_<op>_f64): a wrapper
 * fills `o` with the library's defaults (OTCR_DEFAULT_OPTIONS), sets its own (the interrupt
 * callback, how often to call it), and last the fields named in the R list `options` through
 * the generated otcr_set_<op>_options (OTCR_SET_OPTIONS): the user's options override
 * everything. OTCR_OPTIONS declares `otc_<op>_options o` and does both steps, for the
 * wrappers with no defaults of their own. An error is an R error naming otc_<op>_f64. */
#define OTCR_DEFAULT_OPTIONS(op, o) \
    check_status(otc_##op##_options_default(&(o)), "otc_" #op "_options_default")
#define OTCR_SET_OPTIONS(op, o, options) \
    otcr_set_##op##_options(&(o), (options), "otc_" #op "_f64")
#define OTCR_OPTIONS(op, o, options) \
    otc_##op##_options o;            \
    OTCR_DEFAULT_OPTIONS(op, o);     \
    OTCR_SET_OPTIONS(op, o, options)

/* The kind of an options field R may set by its C name (otcore_options.c, generated). */
typedef enum { OTCR_U32, OTCR_I32, OTCR_U64, OTCR_SIZE, OTCR_DOUBLE } otcr_option_kind;
/* One options field: its C name, kind and offset in its struct. */
typedef struct {
    const char *name;
    otcr_option_kind kind;
    size_t offset;
} otcr_option_field;
/* Sets the fields of the options struct `opts` named in the R list `options` (each name one
 * of the `n` `fields`; values single numbers, whole and in range for the integer kinds); an
 * unknown name or a bad value is an R error naming `fn`. */
void otcr_set_options(void *opts, SEXP options, const otcr_option_field *fields, size_t n,
                      const char *fn);

/* The otc_callback every iterative R wrapper passes (callback_data NULL): returns nonzero,
 * stopping the solve with OTC_WARN_CANCELLED, when the user pressed Ctrl-C; check_status then
 * raises "<fn>: interrupted by the user". Runs on R's thread (otcore calls callbacks on the
 * calling thread). */
int32_t otcr_interrupt_callback(void *data, uint64_t iteration, double error);

SEXP otc_r_version(void);
SEXP otc_r_check_status(SEXP status);
SEXP otc_r_cost_matrix(SEXP x, SEXP y, SEXP options);
SEXP otc_r_emd(SEXP a, SEXP b, SEXP cost, SEXP warm_f, SEXP warm_g, SEXP options);
SEXP otc_r_sinkhorn(SEXP a, SEXP b, SEXP cost, SEXP x, SEXP y, SEXP options, SEXP init_f, SEXP init_g, SEXP want);
SEXP otc_r_sinkhorn_divergence(SEXP a, SEXP b, SEXP cxy, SEXP cxx, SEXP cyy, SEXP x, SEXP y, SEXP options, SEXP gradients);
SEXP otc_r_sinkhorn_block_step(SEXP f_block, SEXP cost, SEXP x, SEXP y, SEXP a_block, SEXP b, SEXP g, SEXP want_pairs, SEXP options);
SEXP otc_r_lse_pair_merge(SEXP acc, SEXP other);
SEXP otc_r_sinkhorn_block_column_update(SEXP pairs, SEXP options);
SEXP otc_r_sinkhorn_block_workspace_sizes(SEXP rows, SEXP m, SEXP d);
SEXP otc_r_bures(SEXP s1, SEXP s2, SEXP options);
SEXP otc_r_gaussian_w2(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP eps, SEXP options);
SEXP otc_r_gaussian_w2_pairwise(SEXP means1, SEXP covs1, SEXP means2, SEXP covs2, SEXP options);
SEXP otc_r_gaussian_map(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP options);
SEXP otc_r_gaussian_map_apply(SEXP a, SEXP b, SEXP x, SEXP options);
SEXP otc_r_gaussian_geodesic(SEXP m1, SEXP s1, SEXP m2, SEXP s2, SEXP t, SEXP options);
SEXP otc_r_gaussian_barycenter(SEXP means, SEXP covs, SEXP weights, SEXP options);
SEXP otc_r_gaussian_moments(SEXP x, SEXP weights, SEXP options);
SEXP otc_r_psd_sqrt(SEXP s, SEXP options);
SEXP otc_r_laguerre_assign(SEXP points, SEXP sites, SEXP g, SEXP weights, SEXP opts);
SEXP otc_r_semidiscrete(SEXP points, SEXP sites, SEXP b, SEXP weights, SEXP g0, SEXP opts);
SEXP otc_r_semidiscrete_sgd(SEXP fn, SEXP env, SEXP points, SEXP sites, SEXP b, SEXP weights, SEXP opts);
SEXP otc_r_lloyd(SEXP points, SEXP sites, SEXP weights, SEXP opts);
SEXP otc_r_barycenter(SEXP hists, SEXP cost, SEXP h, SEXP w, SEXP weights, SEXP options);
SEXP otc_r_wasserstein_1d(SEXP x, SEXP a, SEXP y, SEXP b, SEXP p, SEXP options);
SEXP otc_r_quantile_1d(SEXP x, SEXP a, SEXP levels, SEXP options);
SEXP otc_r_barycenter_1d(SEXP x, SEXP a, SEXP sizes, SEXP lambda, SEXP p, SEXP options);
SEXP otc_r_wasserstein_flow_step(SEXP x, SEXP a, SEXP y, SEXP b, SEXP init, SEXP options);
SEXP otc_r_mmd_flow_step(SEXP x, SEXP a, SEXP y, SEXP b, SEXP target, SEXP options);
SEXP otc_r_jko_step(SEXP rho, SEXP h, SEXP w, SEXP potential, SEXP init_dual, SEXP options);
SEXP otc_r_free_support_barycenter(SEXP y, SEXP b, SEXP sizes, SEXP lambda, SEXP x0, SEXP a,
                                   SEXP options);
SEXP otc_r_plan_position_gradient(SEXP x, SEXP y, SEXP plan, SEXP options);
SEXP otc_r_displacement_interpolation(SEXP x, SEXP y, SEXP plan, SEXP t, SEXP options);
SEXP otc_r_sliced_wasserstein(SEXP x, SEXP a, SEXP y, SEXP b, SEXP p, SEXP directions, SEXP options);
SEXP otc_r_emd_batch(SEXP a, SEXP b, SEXP costs, SEXP options);
SEXP otc_r_assignment(SEXP costs, SEXP options);
SEXP otc_r_emd_grid(SEXP shape, SEXP a, SEXP b, SEXP spacing, SEXP options);
SEXP otc_r_emd_points(SEXP a, SEXP b, SEXP x, SEXP y, SEXP options);
SEXP otc_r_emd_partial(SEXP a, SEXP b, SEXP cost, SEXP mass, SEXP options);
SEXP otc_r_sinkhorn_partial(SEXP a, SEXP b, SEXP cost, SEXP mass, SEXP options);
SEXP otc_r_emd_unbalanced_tv(SEXP a, SEXP b, SEXP cost, SEXP rho, SEXP options);

#endif
