/**
 * Solve A x = b for a symmetric positive semi-definite A (k x k, row-major) by an LDL'
 * decomposition that zeroes pivots below 1e-10 x the largest diagonal, like survival's
 * cholesky2/chsolve2: a generalized inverse when A is singular. Returns x and the rank.
 */
export function solveSymmetric(A: Float64Array, b: Float64Array, k: number): { x: Float64Array; rank: number } {
  const a = A.slice();
  let maxDiag = 0;
  for (let i = 0; i < k; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * k + i]));
  const eps = maxDiag * 1e-10;
  let rank = 0;
  for (let i = 0; i < k; i++) {
    const pivot = a[i * k + i];
    if (!(Number.isFinite(pivot) && pivot > eps)) {
      a[i * k + i] = 0;
      for (let j = i + 1; j < k; j++) a[j * k + i] = 0;
      continue;
    }
    rank++;
    for (let j = i + 1; j < k; j++) {
      const temp = a[j * k + i] / pivot;
      a[j * k + i] = temp;
      a[j * k + j] -= temp * temp * pivot;
      for (let l = j + 1; l < k; l++) a[l * k + j] -= temp * a[l * k + i];
    }
  }
  const y = b.slice();
  for (let i = 0; i < k; i++) {
    let temp = y[i];
    for (let j = 0; j < i; j++) temp -= y[j] * a[i * k + j];
    y[i] = temp;
  }
  for (let i = k - 1; i >= 0; i--) {
    if (a[i * k + i] === 0) {
      y[i] = 0;
      continue;
    }
    let temp = y[i] / a[i * k + i];
    for (let j = i + 1; j < k; j++) temp -= y[j] * a[j * k + i];
    y[i] = temp;
  }
  return { x: y, rank };
}
