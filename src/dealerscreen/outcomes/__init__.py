"""Expected-outcome tests for criteria (`dealerscreen test`): case files, runner, formats."""
