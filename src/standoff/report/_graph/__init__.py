"""The state graph of a conflict as a picture: states as nodes, unilateral moves as edges.

Nodes carry the state's id, and below it its name or what is done in it, wrapped but never cut
mid-word; equilibria are filled green (dark under every concept computed, light under some),
the status quo has a black ring. An edge joins
two states when a party can move between them; it takes the party's colour, and its arrowhead
points to the state the party prefers when that move is a unilateral improvement. With an
evolution, the paths of improvements from the status quo to the reachable equilibria are drawn
over the faded graph, each move numbered by its place in the path.

Layout. When the conflict is small the states sit on a grid whose columns are the combinations of
the options of some parties and whose rows are those of the others (a Karnaugh-map layout: a
move by a column party stays in its row, a move by a row party in its column), choosing the
split with the fewest empty cells. Otherwise states are placed in layers by their distance from
the status quo. A conflict of more than :data:`MAX_DRAWN` states is collapsed to the status quo,
the states on the evolution paths and the equilibria under the most concepts, and the figure
says what was left out.

The modules: ``_layout`` (which states, and where), ``_moves`` (which edges, and which way),
``_geometry`` (node size, spacing and edge curves) and ``_drawing`` (the picture).

>>> from standoff.conflict import build_conflict
>>> from standoff.scenario import load
>>> from standoff.stability import analyze
>>> conflict = build_conflict(load("examples/prisoners_dilemma.yaml"))
>>> svg, note = state_graph(conflict, analyze(conflict))
>>> svg.startswith("<svg") and 'data-chart="state-graph"' in svg, note
(True, None)
"""

from standoff.report._graph._drawing import state_graph
from standoff.report._graph._geometry import RADIUS
from standoff.report._graph._layout import MAX_DRAWN, chosen_states
from standoff.report._graph._moves import Move, moves_between

__all__ = ["MAX_DRAWN", "RADIUS", "Move", "chosen_states", "moves_between", "state_graph"]
