// Sizes and positions of the scene's nodes, for auto-arrange.
#include <netvirt/designer/layout/scene_geometry.h>

#include <netvirt/designer/diagram_scene.h>

#include <algorithm>

namespace netvirt::designer::layout {

NodeSizes nodeSizesOf(const DiagramScene &scene)
{
    NodeSizes out;
    for (auto it = scene.nodes().begin(); it != scene.nodes().end(); ++it)
        out.sizes.insert(it.key(), it.value()->boundingRect().size());
    return out;
}

Positions positionsOf(const DiagramScene &scene)
{
    Positions out;
    out.reserve(std::size_t(scene.nodes().size()));
    for (auto it = scene.nodes().begin(); it != scene.nodes().end(); ++it)
        out.emplace_back(it.key().toStdString(), it.value()->pos());
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    return out;
}

} // namespace netvirt::designer::layout
