#include "estimation/comparison.h"

#include <algorithm>
#include <tuple>

namespace graphs {

void markParetoFront(std::vector<ComparisonRow>& rows)
{
    for (ComparisonRow& r : rows) {
        r.pareto = true;
        for (const ComparisonRow& o : rows) {
            if (&o == &r || o.model != r.model || o.batch != r.batch)
                continue;
            const double ol = o.summary.latency.value;
            const double oe = o.summary.energy.value;
            const double rl = r.summary.latency.value;
            const double re = r.summary.energy.value;
            if (ol <= rl && oe <= re && (ol < rl || oe < re)) {
                r.pareto = false;
                break;
            }
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const ComparisonRow& a, const ComparisonRow& b) {
        return std::make_tuple(a.model, a.batch, a.summary.latency.value)
            < std::make_tuple(b.model, b.batch, b.summary.latency.value);
    });
}

} // namespace graphs
