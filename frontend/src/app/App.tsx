import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ProblemError } from '../api/problem';
import { AuthProvider } from '../features/auth/AuthProvider';
import { routes } from './routes';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retrying a 4xx repeats the same answer; retry only network and server trouble.
        retry: (count, err) =>
          count < 2 && !(err instanceof ProblemError && err.status >= 400 && err.status < 500),
      },
    },
  });
}

const router = createBrowserRouter(routes);

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  );
}
