/* otcore from C: the Bures / 2-Wasserstein distance between Gaussians.
 *   cc -std=c99 bures.c $(pkg-config --cflags --libs otcore) -lm -o bures
 * For commuting (here diagonal) covariances the Bures distance has the closed form
 * sum_k (sqrt(s1_k) - sqrt(s2_k))^2; a rotation of both covariances leaves it unchanged. */
#include <math.h>
#include <stdio.h>
#include "otcore.h"

int main(void) {
    const double c = cos(0.4), s = sin(0.4);
    /* S1 = diag(4, 1), S2 = diag(1, 9); R S R^T with R the rotation by 0.4 rad. */
    double s1[4] = {4, 0, 0, 1}, s2[4] = {1, 0, 0, 9}, r1[4], r2[4];
    double m1[2] = {0, 1}, m2[2] = {3, 1}, bures = 0, rotated = 0, w2 = 0;
    const double want = (2.0 - 1.0) * (2.0 - 1.0) + (1.0 - 3.0) * (1.0 - 3.0);
    otc_matrix_f64 S1 = {s1, 2, 2, 2, 1}, S2 = {s2, 2, 2, 2, 1};
    otc_matrix_f64 R1 = {r1, 2, 2, 2, 1}, R2 = {r2, 2, 2, 2, 1};
    otc_status st;

    r1[0] = 4 * c * c + 1 * s * s; r1[1] = r1[2] = (4 - 1) * c * s; r1[3] = 4 * s * s + 1 * c * c;
    r2[0] = 1 * c * c + 9 * s * s; r2[1] = r2[2] = (1 - 9) * c * s; r2[3] = 1 * s * s + 9 * c * c;
    st = otc_bures_distance(S1, S2, NULL, NULL, 0, &bures);
    if (st == OTC_OK) st = otc_bures_distance(R1, R2, NULL, NULL, 0, &rotated);
    if (st == OTC_OK) st = otc_gaussian_w2(2, m1, S1, m2, S2, NULL, NULL, 0, &w2);
    if (st != OTC_OK) {
        printf("error %d: %s\n", (int)st, otc_last_error_message());
        return 1;
    }
    printf("Bures^2 %.15f (closed form %.15f), rotated %.15f, W2^2 %.15f\n", bures, want, rotated,
           w2);
    if (fabs(bures - want) > 1e-12 || fabs(rotated - want) > 1e-12 || fabs(w2 - (want + 9)) > 1e-12)
        return 1;
    printf("bures example ok\n");
    return 0;
}
