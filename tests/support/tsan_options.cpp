// Linked into every test binary of a ThreadSanitizer build (tests/CMakeLists.txt).
//
// Qt is not built with TSan. QtTest runs a watchdog thread that it synchronises with
// through Qt's own futex-based QMutex/QWaitCondition, which TSan cannot see, so TSan
// reports false races on the watchdog's objects (pthread_cond_destroy/wait, delete)
// between libQt6Test frames. ignore_noninstrumented_modules makes interceptors called
// from uninstrumented libraries ignore memory accesses (the default on Darwin); every
// access from our own (instrumented) code, and all synchronisation, is still checked.
// TSAN_OPTIONS given on the command line still override these defaults.
extern "C" const char* __tsan_default_options()
{
    return "ignore_noninstrumented_modules=1:halt_on_error=1:second_deadlock_stack=1";
}
