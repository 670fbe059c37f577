// Bridges between the diagram scene and the auto-arrange geometry: the sizes the scene's
// nodes really have (they grow with their rows) and where they stand now, so that arrange()
// and countCrossings() see what the user sees.
// Thread-safety: GUI thread only (reads graphics items).
#pragma once

#include <netvirt/designer/layout/auto_arrange.h>

namespace netvirt::designer {
class DiagramScene;
}

namespace netvirt::designer::layout {

NodeSizes nodeSizesOf(const DiagramScene &scene);
Positions positionsOf(const DiagramScene &scene);

} // namespace netvirt::designer::layout
