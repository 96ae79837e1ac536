// Reads a log given on the command line and prints "cases events edges".
#include <iostream>

#include <journey/core/error.hpp>
#include <journey/io/reader.hpp>
#include <journey/miners/dfg.hpp>
#include <journey/version.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer LOG\n";
        return 2;
    }
    try {
        const journey::io::ReadResult r = journey::io::read_log(argv[1]);
        const journey::miners::Dfg d = journey::miners::discover_dfg(r.log);
        std::cout << journey::version() << ' ' << d.cases << ' ' << d.events << ' ' << d.edges.size()
                  << '\n';
    } catch (const journey::error& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
    return 0;
}
