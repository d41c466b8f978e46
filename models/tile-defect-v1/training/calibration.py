"""Calibration of the defect logit and the type logits, and its honest (cross-fitted) check.
Used by export.py (the shipped calibration) and calibration_check.py; no ONNX imports here."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from evaluate import ece


def _minimise(params, loss):
    """LBFGS to convergence on a small calibration problem (float64 losses)."""
    opt = torch.optim.LBFGS(params, max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        value = loss()
        value.backward()
        return value
    opt.step(closure)


def fit_platt(s, y):
    """Platt scaling of the defect logit: p = sigmoid(a*s + b)."""
    a = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    st, yt = torch.tensor(s, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    _minimise([a, b], lambda: F.binary_cross_entropy_with_logits(a.double() * st + b.double(), yt))
    return float(a), float(b)


def fit_temperature(t, cls):
    """Temperature of the type logits: softmax(t / T)."""
    logT = torch.tensor(0.0, requires_grad=True)
    tt, ct = torch.tensor(t, dtype=torch.float64), torch.tensor(cls)
    _minimise([logT], lambda: F.cross_entropy(tt / logT.double().exp(), ct))
    return float(logT.exp())


def fit_binary_temperature(s, y):
    """Temperature of the defect logit alone: p = sigmoid(s / T)."""
    logT = torch.tensor(0.0, requires_grad=True)
    st, yt = torch.tensor(s, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    _minimise([logT], lambda: F.binary_cross_entropy_with_logits(st / logT.double().exp(), yt))
    return float(logT.exp())


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x):
    e = np.exp(x - x.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def platt_calibrator(s, y):
    a, b = fit_platt(s, y)
    return lambda x: sigmoid(a * x + b)


def cross_fitted(s, y, groups, seed, calibrator):
    """Probabilities from `calibrator(s, y) -> (logit -> p)` fitted on one half of the
    validation groups (a seeded halving) and applied to the other half, both ways."""
    ug = np.unique(groups)
    rng = np.random.default_rng(seed)
    fold = dict(zip(ug, rng.permutation(len(ug)) % 2))
    f = np.array([fold[g] for g in groups])
    p = np.zeros_like(s)
    for k in (0, 1):
        p[f == k] = calibrator(s[f != k], y[f != k])(s[f == k])
    return p


def cross_fitted_ece(s, y, groups, seed):
    """ECE of Platt scaling scored on groups it was not fitted on: an honest figure, unlike
    ECE on the data it was fitted on."""
    return ece(cross_fitted(s, y, groups, seed, platt_calibrator), y)
