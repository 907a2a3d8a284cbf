"""The finite-d solver's (recipe A, FiniteDSolver) frozen perpendicular norm, tested.

FiniteDSolver integrates p(q) ∝ exp(−d s(q)) with |w_⊥|² frozen at σ_w² inside D = 1 + 2|w|²
(docs/theory.md, "Finite d"). The exact single-neuron law of the same continuum theory integrates
ρ = |w_⊥|² over its prior, ρ ~ (σ_w²/d) χ²_{d−1}, since the tilt depends on |w|² = q² + ρ:

  p(q, ρ) ∝ ρ^{(d−3)/2} exp(−d(q² + ρ)/(2σ_w²) + d (2u/π) t (b − 2ct)²),  t = q²/(1 + 2(q² + ρ)).

Both versions solve the same fixed point (b, √6c) = [I + κ⟨m⟩]⁻¹(1, √6ε), m = v vᵀ,
v = (2q/√(πD), −4q³/(√(6π)D^{3/2})). Prints learned linear 1 − b, learned cubic (ε − c)/ε and the
weight with |q| > 0.8 for both. Usage: python3 bench/finite_d_perp.py N [n/σ² σ_a² d σ_w² ε]
(defaults: the App. D point n/σ² = 4240, σ_a² = 0.011, d = 53, σ_w² = 0.5, ε = −1.2).
"""
import sys
import numpy as np
from scipy.optimize import fsolve
from scipy.special import gammaln

N = float(sys.argv[1]) if len(sys.argv) > 1 else 250
ratio, sa2, d, sw2, eps = [float(x) for x in sys.argv[2:7]] if len(sys.argv) > 6 else (4240.0, 0.011, 53, 0.5, -1.2)
u = ratio ** 2 * sa2 / (d * N)
kappa = ratio * sa2
q = np.linspace(0, 4.0, 4001)
rho = np.linspace(1e-4, 3.0, 3000)
Q, R = np.meshgrid(q, rho, indexing="ij")
log_prior_rho = (d - 3) / 2 * np.log(R) - d * R / (2 * sw2)


def averages(b, c, frozen):
    if frozen:
        D = 1 + 2 * (sw2 + q ** 2)
        t = q ** 2 / D
        logp = -d * q ** 2 / (2 * sw2) + d * (2 * u / np.pi) * t * (b - 2 * c * t) ** 2
        w = np.exp(logp - logp.max())
        Dq, qq = D, q
    else:
        D = 1 + 2 * (R + Q ** 2)
        t = Q ** 2 / D
        logp = log_prior_rho - d * Q ** 2 / (2 * sw2) + d * (2 * u / np.pi) * t * (b - 2 * c * t) ** 2
        w = np.exp(logp - logp.max())
        Dq, qq = D, Q
    v1 = 2 * qq / np.sqrt(np.pi * Dq)
    v3 = -4 * qq ** 3 / (np.sqrt(6 * np.pi) * Dq ** 1.5)
    z = w.sum()
    m = np.array([[(w * v1 * v1).sum(), (w * v1 * v3).sum()], [(w * v1 * v3).sum(), (w * v3 * v3).sum()]]) / z
    above = (w * (qq > 0.8)).sum() / z
    return m, above


def residual(x, frozen):
    b, c = x
    m, _ = averages(b, c, frozen)
    bb, c6 = np.linalg.solve(np.eye(2) + kappa * m, np.array([1.0, np.sqrt(6) * eps]))
    return [bb - b, c6 / np.sqrt(6) - c]


for frozen in (True, False):
    best = None
    for start in ([0.05, 0.9 * eps], [0.3, eps], [0.6, eps], [0.1, 0.8 * eps]):
        sol, info, ier, msg = fsolve(residual, start, args=(frozen,), full_output=True, xtol=1e-12)
        if ier == 1 and (best is None or abs(sol[0] - start[0]) >= 0):
            best = sol
            break
    b, c = best
    _, above = averages(b, c, frozen)
    print("N=%g u=%.3f %-26s b=%.4f c=%.4f learned linear=%.4f learned cubic=%.4f weight |q|>0.8=%.4f"
          % (N, u, "frozen |w_perp|^2 = sw2:" if frozen else "integrated |w_perp|^2:", b, c, 1 - b, (eps - c) / eps, above))
