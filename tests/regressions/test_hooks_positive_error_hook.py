"""Regression: hooks design: the success hook fails with -ENOMEM, the VMA is unmapped, and an
error_hook that returns 1 turns the failure into a positive mmap result

Written by `verify replay examples/hooks-positive-error-hook.json --emit-test`: replays the
scenario through the model and checks that the outcome is still the one seen
when it was written.
"""
from verify.scenario import expected_of, from_doc, run

SCENARIO = {'format': 'mmap-action-scenario/1',
 'description': 'hooks design: the success hook fails with -ENOMEM, the VMA is unmapped, and '
                'an error_hook that returns 1 turns the failure into a positive mmap result',
 'design': 'hooks',
 'word_size': 64,
 'inputs': {'mmu': True,
            'compat': False,
            'prepare_err': 0,
            'type': 0,
            'override': 0,
            'hide': False,
            'action_prepare_err': 0,
            'merged': False,
            'complete_err': 0,
            'mapped_err': 0,
            'vm_start': 65536,
            'vm_end': 131072,
            'success_hook_set': True,
            'success_hook_ret': -12,
            'error_hook_set': True,
            'error_hook_ret': 1}}

EXPECTED = {'returned': 1,
 'vma_created': True,
 'vma_mapped': False,
 'unmapped': True,
 'lock_held_at_unmap': False,
 'rmap_held_at_end': False,
 'unlock_unheld': False,
 'unmap_detached': False,
 'leaked': False,
 'uninit_call': False,
 'unmapped_len_pages': 16,
 'warnings': []}


def test_hooks_positive_error_hook():
    assert expected_of(run(from_doc(SCENARIO)).trace) == EXPECTED
