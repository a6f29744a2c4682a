#include "hardware_catalog.h"

#include "hardware/hardware_registry.h"
#include "transform/fusion_rules.h"

namespace graphs::ui {

std::shared_ptr<const HardwareSpec> HardwareCatalog::hardware(const QString& id) const
{
    return registry ? registry->find(id.toStdString()) : nullptr;
}

std::shared_ptr<const FusionRules> HardwareCatalog::runtime(const QString& id) const
{
    const std::string wanted = id.toStdString();
    for (const auto& r : runtimes) {
        if (r->runtimeId == wanted)
            return r;
    }
    return nullptr;
}

std::shared_ptr<const FusionRules> HardwareCatalog::calibrationRuntime(const QString& id) const
{
    auto rules = runtime(id);
    return rules ? rules : runtime(QString::fromLatin1(kUnfusedRuntime));
}

} // namespace graphs::ui
