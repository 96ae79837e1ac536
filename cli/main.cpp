#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli.hpp"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    return journey::cli::run_cli(args, std::cout, std::cerr, ::isatty(2) == 1);
}
