"""Regression: latent (unreachable: CONFIG_MMU=n has no normal path): error_override = 1 would be
returned as the result of a failed mmap

Written by `verify replay examples/nommu-positive-override.toml --emit-test`: replays the
scenario through the model and checks that the outcome is still the one seen
when it was written.
"""
from verify.scenario import expected_of, from_doc, run

SCENARIO = {'format': 'mmap-action-scenario/1',
 'description': 'latent (unreachable: CONFIG_MMU=n has no normal path): error_override = 1 '
                'would be returned as the result of a failed mmap',
 'design': 'override',
 'word_size': 32,
 'inputs': {'mmu': False,
            'compat': False,
            'prepare_err': 0,
            'type': 0,
            'override': 1,
            'hide': False,
            'action_prepare_err': 0,
            'merged': False,
            'complete_err': 0,
            'mapped_err': -12,
            'vm_start': 65536,
            'vm_end': 131072}}

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


def test_nommu_positive_override():
    assert expected_of(run(from_doc(SCENARIO)).trace) == EXPECTED
