"""Charts for reports: matplotlib on the Agg backend, returned as PNG bytes.

The functions take plain numbers and labels (the content model decides what to show) and use
``matplotlib.figure.Figure`` directly, never pyplot, so no global state or GUI backend is
involved and charts can be drawn from any thread.  PNGs carry no timestamp, so the same data
gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

INK = "#1d2b3a"
MUTED = "#5b6b7c"
GRID = "#d9dee4"
ACCENT = "#1f4e79"
PALETTE = ["#1f4e79", "#2a9d8f", "#e09f3e", "#c8553d", "#6c5b7b", "#5b8e7d", "#8d99ae", "#b5838d"]
IMPACT_COLOURS = {"direct": "#1f6f5c", "indirect": "#d08c2a", "none": "#9aa5b1"}
DPI = 200
WIDTH_IN = 6.6
"""About the text width of an A4 page with 2.2 cm margins."""

_HEAT = LinearSegmentedColormap.from_list("styrsignal", ["#ffffff", "#cfe0ef", "#6f9fc8", "#1f4e79", "#0f2740"])


def _figure(height_in: float, width_in: float = WIDTH_IN) -> Figure:
    # Constrained layout shrinks the axes to make room for their labels, so the picture keeps
    # the width it was drawn for and its text the size it was set in.
    figure = Figure(figsize=(width_in, height_in), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    figure.patch.set_facecolor("white")
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # A tight box keeps long labels in the picture however the axes were placed.
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None},
                   bbox_inches="tight", pad_inches=0.08)
    return buffer.getvalue()


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width=width, break_long_words=True)) or label


def shorten(label: str, width: int) -> str:
    """``label`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    if len(label) <= width:
        return label
    cut = label[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-(")
    return (cut or label[: width - 1]) + "…"


def _style_axes(axes: object) -> None:
    from matplotlib.axes import Axes

    assert isinstance(axes, Axes)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(GRID)
    axes.tick_params(colors=MUTED, labelsize=7, length=0)


def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]], *,
            colour_label: str, percent: bool = True) -> bytes:
    """A matrix of shares (0–1): ``rows`` down the side, ``columns`` along the bottom."""
    n_rows, n_cols = len(rows), len(columns)
    figure = _figure(2.0 + 0.22 * n_rows, WIDTH_IN)
    axes = figure.add_subplot()
    peak = max((v for row in values for v in row), default=0.0) or 1.0
    image = axes.imshow([list(r) for r in values], cmap=_HEAT, vmin=0, vmax=peak, aspect="auto")
    axes.set_xticks(range(n_cols), [shorten(c, 34) for c in columns], rotation=90, fontsize=6.5, color=INK)
    axes.set_yticks(range(n_rows), [shorten(r, 52) for r in rows], fontsize=7, color=INK)
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_xticks([x - 0.5 for x in range(1, n_cols)], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, n_rows)], minor=True)
    axes.grid(which="minor", color="white", linewidth=1.2)
    axes.tick_params(which="minor", length=0)
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            if value <= 0:
                continue
            text = (f"{round(value * 100)}" if value >= 0.005 else "<1") if percent else f"{value:g}"
            axes.text(j, i, text, ha="center", va="center", fontsize=6,
                      color="white" if value > peak * 0.55 else INK)
    bar = figure.colorbar(image, ax=axes, fraction=0.025, pad=0.015)
    bar.outline.set_visible(False)
    bar.ax.tick_params(labelsize=6, colors=MUTED, length=0)
    if percent:
        bar.ax.yaxis.set_major_formatter(lambda v, _pos: f"{round(v * 100)} %")
    bar.set_label(colour_label, fontsize=6.5, color=MUTED)
    return _png(figure)


def bubble_matrix(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]], *,
                  size_label: str) -> bytes:
    """Counts as circles: ``rows`` (actors) down the side, ``columns`` (objects) along the bottom."""
    n_rows, n_cols = len(rows), len(columns)
    figure = _figure(2.2 + 0.22 * n_rows, WIDTH_IN)
    axes = figure.add_subplot()
    peak = max((v for row in values for v in row), default=1) or 1
    xs, ys, sizes, labels = [], [], [], []
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            if value > 0:
                xs.append(j)
                ys.append(i)
                sizes.append(18 + 320 * (value / peak))
                labels.append(value)
    axes.scatter(xs, ys, s=sizes, color=ACCENT, alpha=0.78, linewidths=0)
    for x, y, value, size in zip(xs, ys, labels, sizes, strict=True):
        if size > 90:
            axes.text(x, y, str(value), ha="center", va="center", fontsize=5.5, color="white")
    axes.set_xlim(-0.6, n_cols - 0.4)
    axes.set_ylim(n_rows - 0.5, -0.5)
    axes.set_xticks(range(n_cols), [shorten(c, 34) for c in columns], rotation=90, fontsize=6.5, color=INK)
    axes.set_yticks(range(n_rows), [shorten(r, 44) for r in rows], fontsize=7, color=INK)
    axes.grid(color=GRID, linewidth=0.5)
    axes.set_axisbelow(True)
    _style_axes(axes)
    axes.text(1.0, 1.01, f"● = {size_label}", transform=axes.transAxes, ha="right", va="bottom", fontsize=6.5,
              color=MUTED)
    return _png(figure)


def trend_lines(periods: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
                change_points: Sequence[tuple[str, int]], *, y_label: str, change_label: str) -> bytes:
    """One line per series over ``periods`` (shares 0–1); change points ``(series label, period index)``
    are ringed."""
    figure = _figure(3.0)
    axes = figure.add_subplot()
    xs = list(range(len(periods)))
    for index, (label, values) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        axes.plot(xs, [v * 100 for v in values], color=colour, linewidth=1.6, marker="o", markersize=3,
                  label=shorten(label, 38))
        for name, at in change_points:
            if name == label and 0 <= at < len(values):
                axes.scatter([at], [values[at] * 100], s=70, facecolors="none", edgecolors=colour, linewidths=1.2)
    if change_points:
        axes.scatter([], [], s=70, facecolors="none", edgecolors=MUTED, linewidths=1.2, label=change_label)
    axes.set_xticks(xs, list(periods), fontsize=7, color=INK)
    axes.yaxis.set_major_formatter(lambda v, _pos: f"{v:g} %")
    axes.set_ylabel(y_label, fontsize=7, color=MUTED)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", color=GRID, linewidth=0.5)
    _style_axes(axes)
    legend = axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=6.5, frameon=False)
    for text in legend.get_texts():
        text.set_color(INK)
    return _png(figure)


def impact_bars(labels: Sequence[str], counts: Sequence[int], colours: Sequence[str]) -> bytes:
    """A single stacked bar of how many objects have each kind of impact."""
    figure = _figure(0.55)
    axes = figure.add_subplot()
    total = sum(counts) or 1
    left = 0.0
    for label, count, colour in zip(labels, counts, colours, strict=True):
        if not count:
            continue
        axes.barh([0], [count / total], left=left, color=colour, height=0.8)
        axes.text(left + count / total / 2, 0, f"{label}: {count}", ha="center", va="center", fontsize=7,
                  color="white", fontweight="bold")
        left += count / total
    axes.set_xlim(0, 1)
    axes.set_axis_off()
    return _png(figure)
