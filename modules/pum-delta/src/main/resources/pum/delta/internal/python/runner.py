# Runs one Python delta file for pum: loads it, finds its DeltaPy subclasses and runs them,
# as PUM 0.x did. Arguments: FILE VERSION PG_SERVICE UPGRADES_TABLE DIR...; variables come as
# JSON in PUM_DELTA_VARIABLES. Exit status 0 on success, 3 when the file has no DeltaPy class,
# 1 (with a traceback on stderr) when the delta raised.
import importlib.util
import inspect
import json
import os
import sys

from pum.core.deltapy import DbVersion, DeltaPy


def _accepts_variables(cls):
    try:
        params = inspect.signature(cls.__init__).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.name == "variables" or p.kind == p.VAR_KEYWORD for p in params)


def _die_with_pum():
    # A pum killed with kill -9 cannot stop its children: ask Linux to kill this process when its
    # parent dies, so a Python delta never goes on alone (pum's journal then says it was
    # interrupted). The parent's pid is checked after, in case pum died before the request.
    try:
        import ctypes
        import signal
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        parent = os.environ.get("PUM_PARENT_PID")
        if parent and os.getppid() != int(parent):
            os._exit(137)
    except (OSError, AttributeError, ValueError):
        pass  # not Linux: the delta may outlive a killed pum


def main():
    _die_with_pum()
    path, version, service, table = sys.argv[1:5]
    service = os.environ.get("PUM_DELTA_PG_SERVICE", service)
    dirs = sys.argv[5:]
    variables = json.loads(os.environ.get("PUM_DELTA_VARIABLES", "{}"))
    name = os.path.splitext(os.path.basename(path))[0].replace(".", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = [obj for _, obj in sorted(vars(module).items())
             if inspect.isclass(obj) and obj is not DeltaPy and issubclass(obj, DeltaPy)]
    if not found:
        print("{}: no class extending DeltaPy".format(path), file=sys.stderr)
        return 3
    # PUM added a separator: existing deltas may assume delta_dir ends with one
    delta_dir = os.path.dirname(os.path.abspath(path)) + os.sep
    for cls in found:
        if _accepts_variables(cls):
            delta = cls(DbVersion(version), delta_dir, dirs, service, table, variables=variables)
        else:
            delta = cls(DbVersion(version), delta_dir, dirs, service, table)
            if hasattr(delta, "_DeltaPy__variables"):
                delta._DeltaPy__variables.update(variables)
        delta.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
