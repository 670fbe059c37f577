// A `netvirt emulate` run in a child process for the privileged end-to-end tests: started
// with runtime::runEmulate() after fork(), read until its "ready" line, stopped with
// SIGTERM (teardown runs) when the test is done or fails. Tests signal and wait on it to
// check Ctrl-C, SIGKILL and exit codes.
#pragma once

#include <csignal>
#include <iostream>
#include <string>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <netvirt/emulator/runtime/emulate.h>

namespace privileged {

class EmulatorProcess {
public:
    EmulatorProcess() = default;
    EmulatorProcess(const EmulatorProcess &) = delete;
    EmulatorProcess &operator=(const EmulatorProcess &) = delete;
    ~EmulatorProcess()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            wait();
        }
        if (m_fd >= 0)
            ::close(m_fd);
    }

    // Starts the emulator; true once it printed "ready", false if it ended before.
    bool start(const netvirt::emulator::runtime::EmulateOptions &options)
    {
        int p[2];
        if (::pipe(p) != 0)
            return false;
        std::cout.flush();
        m_pid = ::fork();
        if (m_pid == 0) {
            ::dup2(p[1], 1);
            ::close(p[0]);
            ::close(p[1]);
            const int code = netvirt::emulator::runtime::runEmulate(options, std::cout, std::cerr);
            std::cout.flush();
            std::cerr.flush();
            ::_exit(code);
        }
        ::close(p[1]);
        m_fd = p[0];
        for (;;) {
            char buf[4096];
            const ssize_t n = ::read(m_fd, buf, sizeof buf);
            if (n <= 0)
                return false;
            m_output.append(buf, static_cast<std::size_t>(n));
            if (m_output.find("ready\n") != std::string::npos)
                return true;
        }
    }
    void signal(int sig) { ::kill(m_pid, sig); }
    // The exit code, or 128 + the signal that ended it; -1 if it was not running.
    int wait()
    {
        int status = 0;
        if (m_pid > 0 && ::waitpid(m_pid, &status, 0) == m_pid) {
            m_pid = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        return -1;
    }
    pid_t pid() const { return m_pid; }
    // What it printed on standard output up to "ready".
    const std::string &output() const { return m_output; }

private:
    pid_t m_pid = -1;
    int m_fd = -1;
    std::string m_output;
};

} // namespace privileged
