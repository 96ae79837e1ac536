#pragma once
/// @file
/// The journey DSL: `.journey` text → journey model + diagnostics, and back.
/// See docs/dsl-reference.md for the language and docs/writing-a-journey.md for a tutorial.

#include <journey/dsl/compile.hpp>
#include <journey/dsl/diagnostic.hpp>
#include <journey/dsl/format.hpp>
#include <journey/dsl/source.hpp>
