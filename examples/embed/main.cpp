// A BI pipeline step: read a log (CSV, XES) or a journey store, mine it in chunks of
// cases with mergeable accumulators, and write result tables for BI tools.
//
//   journey_embed INPUT OUT [--source NAME]
//
// INPUT is an event log or a journey store (.sqlite); OUT is a directory (CSV files)
// or a file ending in .sqlite (SQLite tables). Prints one line: cases events edges.

#include <algorithm>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <journey/core/error.hpp>
#include <journey/io/reader.hpp>
#include <journey/miners/dfg.hpp>
#include <journey/miners/variants.hpp>
#include <journey/store/results.hpp>
#include <journey/store/store.hpp>
#include <journey/version.hpp>

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

journey::EventLog load(const std::string& path, const std::string& source) {
    if (journey::store::sniff_sqlite(path) == journey::store::SqliteKind::store) {
        const journey::store::Store store(path); // read-only
        journey::store::ReadFilter filter;
        if (!source.empty()) {
            filter.sources.push_back(source);
        }
        return store.read_log(filter);
    }
    journey::io::ReadOptions options;
    options.on_bad_record = journey::BadRecordPolicy::skip;
    return journey::io::read_log(path, options).log;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3 && !(argc == 5 && std::strcmp(argv[3], "--source") == 0)) {
        std::cerr << "usage: journey_embed INPUT OUT [--source NAME]\n";
        return 2;
    }
    const std::string input = argv[1];
    const std::string out = argv[2];
    const std::string source = argc == 5 ? argv[4] : "";
    try {
        const journey::EventLog log = load(input, source);

        // Mine in chunks of cases, one accumulator per chunk, merged: the same
        // result as one pass, and the shape a partitioned pipeline uses.
        constexpr std::size_t chunk = 1000;
        journey::miners::DfgAccumulator dfg_total;
        journey::miners::VariantAccumulator variants_total;
        for (std::size_t first = 0; first < log.num_cases(); first += chunk) {
            const std::size_t last = std::min(log.num_cases(), first + chunk);
            journey::miners::DfgAccumulator dfg;
            journey::miners::VariantAccumulator variants;
            dfg.add_cases(log, first, last);
            variants.add_cases(log, first, last);
            dfg_total.merge(dfg);
            variants_total.merge(variants);
        }
        const journey::miners::Dfg dfg = dfg_total.finish();
        const journey::miners::Variants variants = variants_total.finish();

        std::vector<journey::store::ResultTable> tables = {
            journey::store::info_table(log, {{"tool", "journey_embed"}}),
            journey::store::activity_table(dfg),
            journey::store::dfg_edge_table(dfg),
            journey::store::variant_table(variants),
            journey::store::variant_step_table(variants),
            journey::store::journey_table(log, variants),
        };
        // A table of the pipeline's own, written by the same writers.
        journey::store::ResultTable busiest{"busiest_activity",
                                            {{"activity", journey::store::ColumnType::text},
                                             {"events", journey::store::ColumnType::integer}},
                                            {}};
        if (!dfg.activities.empty()) {
            const auto top = std::max_element(dfg.activity_counts.begin(), dfg.activity_counts.end());
            const auto i = static_cast<std::size_t>(top - dfg.activity_counts.begin());
            busiest.rows.push_back({dfg.activities[i], static_cast<std::int64_t>(*top)});
        }
        tables.push_back(std::move(busiest));

        if (ends_with(out, ".sqlite") || ends_with(out, ".db")) {
            journey::store::write_results_sqlite(tables, out);
        } else {
            journey::store::write_results_csv(tables, out);
        }
        std::cout << "journeykit " << journey::version() << ": " << dfg.cases << " cases, "
                  << dfg.events << " events, " << dfg.edges.size() << " edges\n";
    } catch (const journey::error& e) {
        std::cerr << "journey_embed: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
