"""Run one notebook for the gradebook: ``python gradebook_runner.py NOTEBOOK ERRORS CELL_SECONDS``.

Started as a script in its own process (by ``vraem.gradebook``), so that it
imports nbclient only, not the course package. Every cell runs, even after an
error, so that later exercises are still checked; the errors go to ERRORS as
a JSON list. The kernel talks over Unix sockets, so it works with the network
switched off.
"""

import json
import sys
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError


def run(path: Path, errors_file: Path, cell_limit: int) -> None:
    notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    manager = KernelManager(transport="ipc", ip=str(path.parent / "kernel"))
    client = NotebookClient(notebook, km=manager, timeout=cell_limit, allow_errors=True,
                            kernel_name="python3", record_timing=False)
    problems = []
    try:
        client.execute()
    except CellTimeoutError:
        problems.append(f"a cell ran longer than the cell time limit ({cell_limit} s)")
    except Exception as error:  # a notebook nbclient cannot run at all
        problems.append(f"the notebook could not run: {type(error).__name__}: {str(error)[:200]}")
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"cell {number}: {output.get('ename')}: {str(output.get('evalue'))[:160]}")
    errors_file.write_text(json.dumps(problems), encoding="utf-8")


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
